package dev.sandboxagent.core.process;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ends a process together with all its descendants: SIGTERM to everyone, a grace period, then
 * SIGKILL to whatever is left. Descendants are snapshotted before signalling because once the
 * root dies its children are reparented and can no longer be found from it. Public for
 * {@link #isRunning}, which others need too (a zombie is not running).
 */
public final class ProcessTree {

    private static final System.Logger LOG = System.getLogger(ProcessTree.class.getName());
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ProcessTree() {
    }

    static void terminate(ProcessHandle root, Duration grace) {
        Map<Long, ProcessHandle> tree = snapshot(root, new LinkedHashMap<>());
        tree.values().forEach(ProcessHandle::destroy);
        if (awaitGone(tree.values(), grace)) {
            return;
        }
        snapshot(root, tree); // catch children forked during the grace period
        tree.values().stream().filter(ProcessTree::isRunning).forEach(ProcessHandle::destroyForcibly);
        if (!awaitGone(tree.values(), KILL_WAIT)) {
            List<Long> left = tree.values().stream().filter(ProcessTree::isRunning).map(ProcessHandle::pid).toList();
            LOG.log(Level.WARNING, "processes {0} still alive after SIGKILL", left);
        }
    }

    /**
     * SIGKILLs the process group {@code pgid}. Agents are started with setsid, so their group id is
     * their pid and the group holds every process they started that did not leave it; after the
     * agent itself died this is the only handle on its orphans. Never call it for a process that
     * was not started in its own group: that group would be the daemon's.
     */
    static void killGroup(long pgid) {
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "kill of process group " + pgid + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Alive and not a zombie. ProcessHandle reports zombies as alive, and a killed orphan stays
     * a zombie until init reaps it, which some container inits do late or never.
     */
    public static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive(); // no procfs (or it just vanished): trust the JDK
        }
    }

    private static Map<Long, ProcessHandle> snapshot(ProcessHandle root, Map<Long, ProcessHandle> into) {
        into.putIfAbsent(root.pid(), root);
        root.descendants().forEach(h -> into.putIfAbsent(h.pid(), h));
        return into;
    }

    /** Polls (there is no exit notification for non-children) until all are gone or time is up. */
    private static boolean awaitGone(Iterable<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 5;
        while (true) {
            boolean anyRunning = false;
            for (ProcessHandle handle : handles) {
                anyRunning |= isRunning(handle);
            }
            if (!anyRunning) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, 100);
        }
    }
}
