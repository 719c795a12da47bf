package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.adapters.codex.fake.FakeScript;
import dev.sandboxagent.core.conformance.AgentConformanceKit;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.testing.AgentProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared scenario suite against the real {@code codex app-server} and the fake Responses API. */
class CodexConformanceTest extends AgentConformanceKit {

    private static CodexTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new CodexTestEnv();
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
        return CodexAdapter.ID;
    }

    @Override
    protected AgentCapabilities capabilities() {
        return env.adapter.capabilities();
    }

    /**
     * Under the default permission mode (on-request approvals, read-only sandbox) {@code ls} runs
     * without asking, and the escalated write command of PERMISSION is asked for.
     */
    @Override
    protected String prompt(Scenario scenario) {
        return FakeScript.prompt(switch (scenario) {
            case TEXT -> "text";
            case TOOL -> "tool";
            case PERMISSION -> "permission";
            case QUESTION -> "question";
            case HANG -> "hang";
            case MODEL_ERROR -> "error500";
        });
    }

    @Override
    protected void killAgentProcess(String sessionId) throws Exception {
        // One session runs at a time in this suite, so its app-server is the only one under this JVM.
        AgentProcesses.kill("app-server");
    }
}
