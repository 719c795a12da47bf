package dev.sandboxagent.daemon.background;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The command line that runs this same daemon again: this JVM's {@code java}, the JVM options
 * this JVM was started with (the launcher's, plus {@code $SANDBOX_DAEMON_JAVA_OPTS}), and
 * {@code -jar sandbox-daemon.jar} (or the class path and main class when not run from the jar).
 */
final class DaemonLauncher {

    static final String MAIN_CLASS = "dev.sandboxagent.daemon.Main";
    /** The launcher script's own options, used when this JVM's cannot be read. */
    private static final List<String> LAUNCHER_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms8m");
    private static final Set<String> MAIN_MARKERS = Set.of("-jar", "-cp", "-classpath", "--class-path", "-m", "--module");

    private DaemonLauncher() {
    }

    static List<String> command(List<String> daemonArgs) {
        List<String> command = new ArrayList<>();
        setsid().ifPresent(command::add); // its own session: no terminal's hang-up or Ctrl-C reaches it
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions());
        Path code = codeSource();
        if (code != null && Files.isRegularFile(code)) {
            command.add("-jar");
            command.add(code.toString());
        } else {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(MAIN_CLASS);
        }
        command.addAll(daemonArgs);
        return command;
    }

    /** This JVM's options: its arguments before -jar / -cp (read from the OS). */
    static List<String> jvmOptions() {
        Optional<String[]> args = ProcessHandle.current().info().arguments();
        if (args.isEmpty()) {
            return LAUNCHER_OPTIONS;
        }
        List<String> options = new ArrayList<>();
        for (String a : args.get()) {
            if (MAIN_MARKERS.contains(a)) {
                return options;
            }
            options.add(a);
        }
        return LAUNCHER_OPTIONS; // no -jar or -cp: not started the way we know
    }

    private static Path codeSource() {
        try {
            return Path.of(DaemonLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static Optional<String> setsid() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }
}
