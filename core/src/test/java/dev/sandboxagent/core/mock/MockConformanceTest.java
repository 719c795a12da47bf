package dev.sandboxagent.core.mock;

import dev.sandboxagent.core.conformance.AgentConformanceKit;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.testing.MockEngine;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The conformance kit run against the mock agent: proves the kit itself, and the mock. */
class MockConformanceTest extends AgentConformanceKit {

    @TempDir
    static Path dir;
    private MockEngine mock;

    @Override
    protected SessionService sessions() {
        if (mock == null) {
            mock = new MockEngine(dir);
        }
        return mock.engine;
    }

    @Override
    protected String agent() {
        return "mock";
    }

    @Override
    protected AgentCapabilities capabilities() {
        return new MockAgentAdapter().capabilities();
    }

    @Override
    protected String prompt(Scenario scenario) {
        return switch (scenario) {
            case TEXT -> "stream hello from the conformance kit";
            case TOOL -> "tool";
            case PERMISSION -> "permission";
            case QUESTION -> "question";
            case HANG -> "hang";
            case MODEL_ERROR -> "error";
        };
    }

    @Override
    protected boolean runsAProcess() {
        return false;
    }

    @Override
    protected void killAgentProcess(String sessionId) {
        throw new UnsupportedOperationException("the mock runs inside the daemon");
    }
}
