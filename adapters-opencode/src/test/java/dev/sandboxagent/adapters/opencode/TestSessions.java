package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.port.CreateSessionRequest;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates opencode sessions with test settings; turns are run with core's TurnRunner. */
final class TestSessions {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestSessions() {
    }

    static String create(SessionEngine engine, String permissionMode, String agentMode, String model, Path directory) {
        String id = "oc-" + COUNTER.incrementAndGet();
        engine.createSession(id, new CreateSessionRequest(OpencodeAdapter.ID, agentMode, null,
                directory == null ? null : directory.toString(), null, model, permissionMode, null, null, null));
        return id;
    }
}
