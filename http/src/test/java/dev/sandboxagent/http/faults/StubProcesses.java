package dev.sandboxagent.http.faults;

import dev.sandboxagent.core.process.ProcessTree;
import dev.sandboxagent.core.testing.stub.StubProcessAdapter;

import java.util.List;

/** The stub agent's processes still running (zombies excluded), found by the marker in their command line. */
final class StubProcesses {

    private StubProcesses() {
    }

    static List<Long> alive() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(StubProcessAdapter.MARKER)).orElse(false))
                .filter(ProcessTree::isRunning)
                .map(ProcessHandle::pid).toList();
    }
}
