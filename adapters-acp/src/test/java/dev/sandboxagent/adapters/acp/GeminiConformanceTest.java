package dev.sandboxagent.adapters.acp;

import org.junit.jupiter.api.BeforeAll;

/** The shared scenario suite against the real Gemini CLI in ACP mode and a fake Gemini API. */
class GeminiConformanceTest extends AcpConformanceSuite {

    @BeforeAll
    static void start() throws Exception {
        env = AcpTestEnv.gemini();
    }

    @Override
    protected String agent() {
        return GeminiAdapter.ID;
    }
}
