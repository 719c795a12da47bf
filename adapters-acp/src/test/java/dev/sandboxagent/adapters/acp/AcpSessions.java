package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.adapters.acp.fake.Scenario;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.testing.TestAgents;

import java.time.Duration;
import java.util.List;

/** Driving one adapter session directly (no engine) in tests, with a bounded wait for each turn. */
final class AcpSessions {

    static final Duration TURN = Duration.ofSeconds(90);

    private AcpSessions() {
    }

    static AgentSessionSpec spec(AcpTestEnv env, String id) {
        return AgentSessionSpec.builder(id, env.work).permissionMode("default").environment(env.env)
                .binary(TestAgents.ensureInstalled(env.adapter).binary()).build();
    }

    /** Sends {@code scenario}'s prompt as turn {@code turnId} and waits (bounded) for the turn to end. */
    static void turn(AgentSession session, RecordingSink sink, String turnId, Scenario scenario, String suffix)
            throws Exception {
        int ended = sink.of("turnEnded").size();
        sink.beginTurn(turnId); // as the engine opens it
        session.sendMessage(new UserMessage(turnId, scenario.prompt() + suffix, List.of()));
        sink.await(c -> c.method().equals("turnEnded") && sink.of("turnEnded").size() > ended, TURN);
    }
}
