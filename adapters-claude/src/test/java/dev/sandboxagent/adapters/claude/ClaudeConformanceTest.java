package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.conformance.AgentConformanceKit;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.spi.AgentCapabilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The shared scenario suite, run with the real claude CLI against the fake Anthropic API. */
class ClaudeConformanceTest extends AgentConformanceKit {

    @TempDir
    static Path dir;
    private static ClaudeFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ClaudeFixture(dir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Override
    protected SessionService sessions() {
        return fixture.engine;
    }

    @Override
    protected String agent() {
        return ClaudeAdapter.ID;
    }

    @Override
    protected AgentCapabilities capabilities() {
        return fixture.adapter.capabilities();
    }

    @Override
    protected String prompt(Scenario scenario) {
        return switch (scenario) {
            case TEXT -> FakeModelScript.TEXT;
            // Read of a file in the session directory: read-only, so claude does not ask.
            case TOOL -> FakeModelScript.TOOL;
            // Write asks under the default mode; "always" keeps claude's setMode acceptEdits suggestion.
            case PERMISSION -> FakeModelScript.PERMISSION;
            case QUESTION -> FakeModelScript.QUESTION;
            case HANG -> FakeModelScript.HANG;
            case MODEL_ERROR -> FakeModelScript.MODEL_ERROR;
        };
    }

    @Override
    protected void killAgentProcess(String sessionId) throws Exception {
        fixture.kill(sessionId);
    }
}
