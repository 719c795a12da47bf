package dev.sandboxagent.core.process;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The daemon's on-disk record of the agent processes it started, so that a daemon that was
 * killed outright (SIGKILL, OOM) ends them when it starts again. Each daemon run keeps one folder
 * {@code <dir>/<daemon pid>-<daemon start millis>/} holding a file per live agent process
 * ({@code <pid>} containing its start time, which guards against a reused pid). On start,
 * folders of daemon runs that are gone are reaped: their agents' process groups are killed.
 *
 * <p>Process-wide on purpose: every agent process this JVM starts belongs to the one daemon
 * running in it, and {@link AgentProcess} reports to the registry {@link #install installed}.
 */
public final class ProcessRegistry {

    private static final System.Logger LOG = System.getLogger(ProcessRegistry.class.getName());
    private static volatile ProcessRegistry installed;

    private final Path root;
    private final Path mine;

    private ProcessRegistry(Path root) throws IOException {
        this.root = root;
        ProcessHandle self = ProcessHandle.current();
        this.mine = Files.createDirectories(root.resolve(self.pid() + "-" + startMillis(self)));
    }

    /** Makes {@code dir} this JVM's registry (the daemon calls this once at start-up). */
    public static synchronized ProcessRegistry install(Path dir) throws IOException {
        ProcessRegistry registry = new ProcessRegistry(dir);
        installed = registry;
        return registry;
    }

    /** Stops recording into this registry, if it is still the installed one (an embedded engine closed). */
    public void release() {
        synchronized (ProcessRegistry.class) {
            if (installed == this) {
                installed = null;
            }
        }
    }

    /** Stops recording (tests). */
    static void uninstall() {
        installed = null;
    }

    static Optional<ProcessRegistry> current() {
        return Optional.ofNullable(installed);
    }

    void started(ProcessHandle agent) {
        try {
            Files.writeString(mine.resolve(Long.toString(agent.pid())), Long.toString(startMillis(agent)));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot record agent pid " + agent.pid() + " in " + mine, e);
        }
    }

    void exited(long pid) {
        try {
            Files.deleteIfExists(mine.resolve(Long.toString(pid)));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot remove agent pid record " + pid, e);
        }
    }

    /**
     * Kills the agent processes (and their process groups) recorded by daemon runs that no longer
     * exist, and removes their records. Returns how many agent processes were still running.
     */
    public int reapLeftovers() throws IOException {
        int killed = 0;
        try (Stream<Path> runs = Files.list(root)) {
            for (Path run : runs.filter(Files::isDirectory).filter(p -> !p.equals(mine)).toList()) {
                if (runIsAlive(run.getFileName().toString())) {
                    continue; // another daemon sharing this data directory
                }
                killed += reapRun(run);
            }
        }
        return killed;
    }

    private int reapRun(Path run) throws IOException {
        int killed = 0;
        List<Path> records;
        try (Stream<Path> files = Files.list(run)) {
            records = files.toList();
        }
        for (Path record : records) {
            long pid = Long.parseLong(record.getFileName().toString());
            long recordedStart = Long.parseLong(Files.readString(record).trim());
            Optional<ProcessHandle> agent = ProcessHandle.of(pid)
                    .filter(ProcessTree::isRunning)
                    .filter(h -> startMillis(h) == recordedStart);
            if (agent.isPresent()) {
                LOG.log(Level.INFO, "ending agent process {0} left behind by a daemon that did not stop cleanly", pid);
                ProcessTree.killGroup(pid); // started with setsid: its group holds its children
                ProcessTree.terminate(agent.get(), java.time.Duration.ZERO);
                killed++;
            }
            Files.deleteIfExists(record);
        }
        Files.deleteIfExists(run);
        return killed;
    }

    private static boolean runIsAlive(String name) {
        int dash = name.indexOf('-');
        if (dash < 0) {
            return false;
        }
        try {
            long pid = Long.parseLong(name.substring(0, dash));
            long start = Long.parseLong(name.substring(dash + 1));
            return ProcessHandle.of(pid).filter(ProcessTree::isRunning).map(h -> startMillis(h) == start).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static long startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
