package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.conformance.AgentConformanceKit;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.testing.AgentProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

/** The shared scenario suite against the real Qwen Code in ACP mode and a fake OpenAI-compatible API. */
class QwenConformanceTest extends AgentConformanceKit {

    private static AcpTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = AcpTestEnv.qwen();
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
        return QwenAdapter.ID;
    }

    @Override
    protected AgentCapabilities capabilities() {
        return env.adapter.capabilities();
    }

    @Override
    protected String prompt(Scenario scenario) {
        return ConformancePrompts.prompt(scenario);
    }

    @Override
    protected List<Scenario> unsupported() {
        return List.of(Scenario.QUESTION); // ACP has no questions
    }

    @Override
    protected void killAgentProcess(String sessionId) throws Exception {
        AgentProcesses.kill("qwen"); // one session at a time in this suite
    }
}
