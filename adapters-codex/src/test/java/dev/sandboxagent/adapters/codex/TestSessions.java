package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.port.CreateSessionRequest;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates codex sessions with test settings; turns are run with core's TurnRunner. */
final class TestSessions {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestSessions() {
    }

    static String create(SessionEngine engine, String directory, String permissionMode, String agentMode) {
        String id = "codex-test-" + COUNTER.incrementAndGet();
        engine.createSession(id, new CreateSessionRequest(CodexAdapter.ID, agentMode, null, directory, null, null,
                permissionMode, null, null, null));
        return id;
    }
}
