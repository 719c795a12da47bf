package dev.sandboxagent.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the packaged {@code sandbox-daemon} (through the checkout's root script) as a real
 * process to completion, with stdout and stderr captured separately. The environment is the
 * test's own minus anything that would make a run depend on the machine: the SANDBOX_*
 * variables, XDG_DATA_HOME, and credential-looking variables (so no real secret is read or printed).
 */
final class Cli {

    private static final Pattern SECRET_LIKE = Pattern.compile(".*(_API_KEY|_TOKEN|_SECRET|_PASSWORD)$|^(ANTHROPIC|OPENAI|AMP|CODEX)_.*");
    static final long TIMEOUT_SECONDS = 240;

    /** What a finished command printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
        List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        List<String> stderrLines() {
            return stderr.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
        }
    }

    private Cli() {
    }

    /** The environment every command of a test starts from (see the class comment). */
    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("SANDBOX_") || name.equals("XDG_DATA_HOME")
                || SECRET_LIKE.matcher(name).matches());
        return env;
    }

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(DaemonProcess.root().resolve("sandbox-daemon").toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code sandbox-daemon args...} with the base environment plus {@code env} (null values remove). */
    static Result run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return runCommand(workDir, env, command(args));
    }

    static Result runCommand(Path workDir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(baseEnvironment());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + TIMEOUT_SECONDS + " s; stdout so far: "
                    + Files.readString(out) + "\nstderr: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
