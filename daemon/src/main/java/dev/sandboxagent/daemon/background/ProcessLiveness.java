package dev.sandboxagent.daemon.background;

import dev.sandboxagent.core.process.ProcessTree;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a process really runs. {@link ProcessHandle#isAlive()} counts zombies as alive, and a
 * background daemon is nobody's child once its starter exited: when it ends it stays a zombie
 * until init reaps it, which some container inits do late or never. Core's
 * {@link ProcessTree#isRunning} reads zombies from /proc (where there is one).
 */
final class ProcessLiveness {

    private ProcessLiveness() {
    }

    static boolean isRunning(ProcessHandle handle) {
        return ProcessTree.isRunning(handle);
    }

    static Optional<ProcessHandle> running(long pid) {
        return ProcessHandle.of(pid).filter(ProcessLiveness::isRunning);
    }

    /** Polls (non-children give no exit notification) until the process is gone; false on timeout. */
    static boolean awaitExit(ProcessHandle handle, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (isRunning(handle)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
            pause = Math.min(pause * 2, 200);
        }
        return true;
    }
}
