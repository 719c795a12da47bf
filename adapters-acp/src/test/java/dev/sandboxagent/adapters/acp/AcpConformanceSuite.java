package dev.sandboxagent.adapters.acp;

import dev.sandboxagent.core.conformance.AgentConformanceKit;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.testing.AgentProcesses;
import org.junit.jupiter.api.AfterAll;

import java.util.List;

/**
 * The shared scenario suite for an ACP agent of the table: a subclass starts its {@link AcpTestEnv}
 * in a {@code @BeforeAll} and names the agent. (Suites run one class at a time, so one static
 * environment serves them in turn.)
 */
abstract class AcpConformanceSuite extends AgentConformanceKit {

    static AcpTestEnv env;

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
            env = null;
        }
    }

    @Override
    protected SessionService sessions() {
        return env.engine;
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
        AgentProcesses.kill(agent()); // the agent's binary has its id; one session at a time here
    }
}
