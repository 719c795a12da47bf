package dev.sandboxagent.core.testing;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finding and killing the agent processes a test started (descendants of the test JVM). */
public final class AgentProcesses {

    private AgentProcesses() {
    }

    /** Descendants of this JVM whose command line contains {@code needle}. */
    public static List<ProcessHandle> matching(String needle) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(needle)).orElse(false)
                        || p.info().command().map(c -> c.contains(needle)).orElse(false))
                .toList();
    }

    /** SIGKILLs every descendant matching {@code needle}, as a crash would; fails if there is none. */
    public static void kill(String needle) throws InterruptedException {
        List<ProcessHandle> found = matching(needle);
        if (found.isEmpty()) {
            throw new AssertionError("no running process matches '" + needle + "'");
        }
        for (ProcessHandle p : found) {
            p.destroyForcibly();
        }
        for (ProcessHandle p : found) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("process " + p.pid() + " did not die after SIGKILL", e);
            }
        }
    }
}
