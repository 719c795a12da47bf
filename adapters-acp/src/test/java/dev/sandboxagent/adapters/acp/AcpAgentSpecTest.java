package dev.sandboxagent.adapters.acp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which ACP mode a session starts in, from its agent mode and permission mode. */
class AcpAgentSpecTest {

    private final AcpAgentSpec gemini = AcpAgents.GEMINI;

    @Test
    void withTheNeutralAgentModeThePermissionModeDecides() {
        String neutral = gemini.modes().getFirst().id(); // what the engine gives when the client names none
        assertThat(gemini.acpMode(neutral, null)).isEqualTo("default");
        assertThat(gemini.acpMode(neutral, "default")).isEqualTo("default");
        assertThat(gemini.acpMode(neutral, "acceptEdits")).isEqualTo("autoEdit");
        assertThat(gemini.acpMode(neutral, "plan")).isEqualTo("plan");
        assertThat(gemini.acpMode(neutral, "bypass")).isEqualTo("yolo");
    }

    @Test
    void anotherAgentModeTheClientChoseWins() {
        assertThat(gemini.acpMode("plan", "bypass")).isEqualTo("plan");
        assertThat(gemini.acpMode("yolo", "default")).isEqualTo("yolo");
    }

    @Test
    void everyRowMapsEveryPermissionModeOntoOneOfItsModes() {
        for (AcpAgentSpec row : new AcpAgentSpec[] {AcpAgents.GEMINI, AcpAgents.QWEN}) {
            for (String permissionMode : new String[] {"default", "acceptEdits", "plan", "bypass"}) {
                assertThat(row.modes()).as(row.id() + " " + permissionMode)
                        .anyMatch(m -> m.id().equals(row.permissionModes().get(permissionMode)));
            }
        }
    }
}
