package dev.sandboxagent.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link LaunchSpec} into a running {@link Process}. The program is resolved to an
 * absolute path up front (on the child's PATH) so that a missing binary fails here, with a clear
 * message, even when the command is prefixed with {@code setsid}, which would otherwise start
 * fine and only then fail to exec the agent.
 */
final class ProcessLauncher {

    /**
     * {@code setsid} puts the agent in its own session and process group, detached from the
     * daemon's terminal, so a Ctrl-C aimed at the daemon does not also hit every agent. Since the
     * spawned child is never a group leader, setsid calls setsid(2) and execs in place: the pid
     * we get is the agent's own.
     */
    private static final Optional<Path> SETSID = Executables.findOnPath("setsid", System.getenv("PATH"));

    private ProcessLauncher() {
    }

    static boolean usesSetsid() {
        return SETSID.isPresent();
    }

    static Process launch(LaunchSpec spec) {
        List<String> command = spec.command();
        if (!Files.isDirectory(spec.directory())) {
            throw new ProcessLaunchException(command,
                    "cannot start " + command.getFirst() + ": working directory " + spec.directory() + " does not exist",
                    null);
        }
        ProcessBuilder builder = new ProcessBuilder().directory(spec.directory().toFile());
        Map<String, String> environment = builder.environment();
        spec.removedEnvironment().forEach(environment::remove);
        environment.putAll(spec.environment());

        Path program = resolve(command, spec.directory(), environment.get("PATH"));
        List<String> argv = new ArrayList<>(command.size() + 1);
        SETSID.ifPresent(setsid -> argv.add(setsid.toString()));
        argv.add(program.toString());
        argv.addAll(command.subList(1, command.size()));
        try {
            return builder.command(argv).start();
        } catch (IOException | RuntimeException e) {
            throw new ProcessLaunchException(command,
                    "cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    private static Path resolve(List<String> command, Path directory, String childPath) {
        String program = command.getFirst();
        if (program.indexOf('/') >= 0) {
            Path file = directory.resolve(program).normalize();
            if (!Executables.isExecutableFile(file)) {
                throw new ProcessLaunchException(command,
                        "cannot start " + program + ": " + file + " is not an executable file", null);
            }
            return file;
        }
        return Executables.findOnPath(program, childPath).orElseThrow(() -> new ProcessLaunchException(command,
                "cannot start " + program + ": command not found on PATH", null));
    }
}
