package dev.sandboxagent.core.process;

/**
 * Hears every agent process this JVM starts and reaps (the daemon's metrics). Process-wide, like
 * {@link ProcessRegistry}: every agent process in this JVM belongs to the one daemon. {@code program}
 * is the file name of the command's first word (claude, codex, node, sh), a bounded label.
 * Implementations must be quick and must not throw.
 */
public interface ProcessObserver {

    void started(String program);

    void exited(String program, int exitCode);

    /** Makes {@code observer} the one that hears (the daemon calls this once at start-up; null stops). */
    static void install(ProcessObserver observer) {
        Installed.observer = observer;
    }

    /** Holds the installed observer (an interface cannot have a mutable field). */
    final class Installed {
        static volatile ProcessObserver observer;

        private Installed() {
        }
    }
}
