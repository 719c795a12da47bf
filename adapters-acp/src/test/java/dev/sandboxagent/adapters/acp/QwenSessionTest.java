package dev.sandboxagent.adapters.acp;

import org.junit.jupiter.api.Test;

/** Qwen Code through the adapter, beyond the conformance kit: model API errors, and resuming by native id. */
class QwenSessionTest {

    @Test
    void modelApiErrorsAreErrorEventsAndTheSessionGoesOn() throws Exception {
        try (AcpTestEnv env = AcpTestEnv.qwen()) {
            AcpSessionChecks.errorsThenText(env, false);
        }
    }

    @Test
    void aConversationContinuesInANewProcess() throws Exception {
        try (AcpTestEnv env = AcpTestEnv.qwen()) {
            AcpSessionChecks.resumeInANewProcess(env, "qwen", false);
        }
    }
}
