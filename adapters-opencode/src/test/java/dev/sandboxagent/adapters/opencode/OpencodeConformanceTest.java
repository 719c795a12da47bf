package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.conformance.AgentConformanceKit;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.testing.AgentProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** The shared scenarios against the real {@code opencode serve} and the scripted fake model. */
class OpencodeConformanceTest extends AgentConformanceKit {

    @TempDir
    static Path tmp;
    static OpencodeTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new OpencodeTestEnv(tmp, Map.of());
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @Override
    protected SessionService sessions() {
        return env.engine;
    }

    @Override
    protected String agent() {
        return OpencodeAdapter.ID;
    }

    @Override
    protected AgentCapabilities capabilities() {
        return env.adapter.capabilities();
    }

    @Override
    protected String prompt(Scenario scenario) {
        return switch (scenario) {
            case TEXT -> "[TEXT] say hello";
            case TOOL -> "[TOOL] list the files";
            case PERMISSION -> "[BASH] run echo";
            case QUESTION -> "[QUESTION] ask me for a colour";
            case HANG -> "[HANG] stream forever";
            case MODEL_ERROR -> "[401] fail";
        };
    }

    @Override
    protected void killAgentProcess(String sessionId) throws Exception {
        AgentProcesses.kill(" serve --hostname 127.0.0.1 --port ");
    }
}
