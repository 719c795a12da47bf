package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.adapters.pi.fake.ChatScript;
import dev.sandboxagent.core.conformance.AgentConformanceKit;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.spi.AgentCapabilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;

/** The shared scenario suite with the real pi CLI against the fake Chat Completions API. */
class PiConformanceTest extends AgentConformanceKit {

    private static PiTestEnvironment env;
    private SessionEngine engine;

    @BeforeAll
    static void startFake() throws Exception {
        env = new PiTestEnvironment();
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
        return PiAdapter.ID;
    }

    @Override
    protected AgentCapabilities capabilities() {
        return env.adapter.capabilities();
    }

    @Override
    protected String prompt(Scenario scenario) {
        return switch (scenario) {
            case TEXT -> "say hello";
            case TOOL -> ChatScript.TOOL;
            case HANG -> ChatScript.HANG;
            case MODEL_ERROR -> ChatScript.ERR500;
            case PERMISSION, QUESTION -> throw new IllegalArgumentException(scenario + " is unsupported");
        };
    }

    /** Pi has no permission or question protocol (capabilities say so). */
    @Override
    protected List<Scenario> unsupported() {
        return List.of(Scenario.PERMISSION, Scenario.QUESTION);
    }

    @Override
    protected void killAgentProcess(String sessionId) throws Exception {
        PiTestEnvironment.killPi();
    }
}
