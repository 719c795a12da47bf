package dev.sandboxagent.daemon.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {

    @Test
    void aProblemIsItsTitleStatusAndDetail() {
        assertThat(Problem.describe(404, "{\"type\":\"urn:sandbox-agent:error:session_not_found\",\"title\":\"Session not found\","
                + "\"status\":404,\"detail\":\"no session with id 'x'\"}"))
                .isEqualTo("Session not found (404): no session with id 'x'");
        assertThat(Problem.describe(401, "{\"title\":\"Token invalid\",\"status\":401}")).isEqualTo("Token invalid (401)");
    }

    @Test
    void anythingElseIsShownAsItCame() {
        assertThat(Problem.describe(502, "Bad gateway")).isEqualTo("HTTP 502: Bad gateway");
        assertThat(Problem.describe(500, "")).isEqualTo("HTTP 500");
        assertThat(Problem.describe(500, "[1]")).isEqualTo("HTTP 500: [1]");
        assertThat(Problem.describe(500, "x".repeat(400))).hasSize("HTTP 500: ".length() + 303);
    }

    @Test
    void theFailureIsOneLineWithExitCode1() {
        var f = Problem.failure(400, "{\"title\":\"Invalid request\",\"status\":400,\"detail\":\"two\\nlines\"}");
        assertThat(f.exitCode()).isEqualTo(1);
        assertThat(f.getMessage()).isEqualTo("Invalid request (400): two lines");
    }
}
