package dev.sandboxagent.daemon.background;

import java.util.List;
import java.util.Optional;

/** What the files in the data directory say about a background daemon, checked against the process table. */
sealed interface DaemonState {

    /** No pid file. */
    record NotRunning() implements DaemonState {
    }

    /** A pid file whose process is gone (or is not a sandbox-daemon any more): the daemon died without cleanup. */
    record Stale(String pidText) implements DaemonState {
    }

    /** The daemon runs; {@code url} and {@code version} are empty while it is still starting. */
    record Running(ProcessHandle process, Optional<String> version, Optional<String> url) implements DaemonState {
    }

    static DaemonState of(DaemonFiles files) {
        if (!files.hasPidFile()) {
            return new NotRunning();
        }
        Optional<Long> pid = files.pid();
        if (pid.isEmpty()) {
            return new Stale("(unreadable)");
        }
        Optional<ProcessHandle> process = ProcessLiveness.running(pid.get()).filter(DaemonState::looksLikeDaemon);
        if (process.isEmpty()) {
            return new Stale(Long.toString(pid.get()));
        }
        return new Running(process.get(), files.version(), files.url());
    }

    /**
     * Guards against a recycled pid: the process must be a sandbox-daemon server. When the
     * system does not tell a process's arguments, it is given the benefit of the doubt.
     */
    private static boolean looksLikeDaemon(ProcessHandle process) {
        Optional<String[]> args = process.info().arguments();
        if (args.isEmpty()) {
            return true;
        }
        List<String> list = List.of(args.get());
        return list.contains("server") && list.stream().anyMatch(a -> a.contains("sandbox-daemon")
                || a.contains(DaemonLauncher.MAIN_CLASS) || a.contains("sandbox-agent-daemon"));
    }
}
