package dev.sandboxagent.adapters.acp;

import org.junit.jupiter.api.Test;

/** Gemini CLI through the adapter, beyond the conformance kit: model API errors, and resuming by native id. */
class GeminiSessionTest {

    @Test
    void modelApiErrorsAreErrorEventsAndTheSessionGoesOn() throws Exception {
        try (AcpTestEnv env = AcpTestEnv.gemini()) {
            AcpSessionChecks.errorsThenText(env, true);
        }
    }

    /**
     * Gemini CLI 0.61.0 names its chat file by the minute a process starts it; loading in the same
     * minute as the conversation began overwrites that file, so the second process starts in the
     * next minute (see docs/agents/gemini.md).
     */
    @Test
    void aConversationContinuesInANewProcess() throws Exception {
        try (AcpTestEnv env = AcpTestEnv.gemini()) {
            AcpSessionChecks.resumeInANewProcess(env, "gemini", true);
        }
    }
}
