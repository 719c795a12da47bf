package dev.sandboxagent.http.faults;

import dev.sandboxagent.core.testing.stub.StubProcessAdapter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The stub agent's processes still running (zombies excluded), found by the marker in their command line. */
final class StubProcesses {

    private StubProcesses() {
    }

    static List<Long> alive() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(StubProcessAdapter.MARKER)).orElse(false))
                .filter(StubProcesses::running)
                .map(ProcessHandle::pid).toList();
    }

    private static boolean running(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (Exception e) {
            return false;
        }
    }
}
