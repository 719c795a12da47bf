package dev.sandboxagent.adapters.acp;

import org.junit.jupiter.api.BeforeAll;

/** The shared scenario suite against the real Qwen Code in ACP mode and a fake OpenAI-compatible API. */
class QwenConformanceTest extends AcpConformanceSuite {

    @BeforeAll
    static void start() throws Exception {
        env = AcpTestEnv.qwen();
    }

    @Override
    protected String agent() {
        return QwenAdapter.ID;
    }
}
