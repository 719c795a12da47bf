package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.adapters.amp.fake.FakeAmpScript;
import dev.sandboxagent.core.conformance.AgentConformanceKit;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.testing.AgentProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;

/** The shared scenario suite with the real Amp CLI against the fake Amp server. */
class AmpConformanceTest extends AgentConformanceKit {

    private static AmpTestEnvironment env;
    private SessionEngine engine;

    @BeforeAll
    static void startFake() throws Exception {
        env = new AmpTestEnvironment();
    }

    @AfterAll
    static void stopFake() {
        env.close();
    }

    @BeforeEach
    void newEngine() {
        engine = env.engine();
    }

    @AfterEach
    void shutdown() {
        engine.shutdown();
    }

    @Override
    protected SessionService sessions() {
        return engine;
    }

    @Override
    protected String agent() {
        return AmpAdapter.ID;
    }

    @Override
    protected AgentCapabilities capabilities() {
        return env.adapter.capabilities();
    }

    @Override
    protected String prompt(Scenario scenario) {
        return switch (scenario) {
            case TEXT -> "say hello";
            case TOOL -> FakeAmpScript.TOOL;
            case HANG -> FakeAmpScript.HANG;
            case MODEL_ERROR -> FakeAmpScript.FAIL;
            case PERMISSION, QUESTION -> throw new IllegalArgumentException(scenario + " is unsupported");
        };
    }

    /** Amp has no approval or question protocol over stdio (capabilities say so). */
    @Override
    protected List<Scenario> unsupported() {
        return List.of(Scenario.PERMISSION, Scenario.QUESTION);
    }

    /**
     * Amp runs a process per turn, so between turns there is none to kill: start a turn that
     * hangs, wait until its process is visibly working, then SIGKILL it as a crash would.
     */
    @Override
    protected void killAgentProcess(String sessionId) throws Exception {
        long from = sessions().getSession(sessionId).eventCount();
        sessions().postMessage(sessionId, MessageRequest.of(FakeAmpScript.HANG));
        readUntil(sessionId, from, e -> e.type() == UniversalEventType.ITEM_COMPLETED
                && ((ItemEventData) e.data()).item().text().equals(FakeAmpScript.HANG_TEXT));
        AgentProcesses.kill("--execute=" + FakeAmpScript.HANG);
    }
}
