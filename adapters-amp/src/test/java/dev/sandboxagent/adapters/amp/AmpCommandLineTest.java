package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AmpCommandLineTest {

    private static final Path SETTINGS = Path.of("/tmp/s/settings.json");

    private static AgentSessionSpec spec(String mode, String permissionMode, String model, String title) {
        return AgentSessionSpec.builder("s1", Path.of("/work")).agentMode(mode).permissionMode(permissionMode)
                .model(model).title(title).binary(Path.of("/opt/amp/bin/amp")).build();
    }

    private static UserMessage message(String text) {
        return new UserMessage("turn_1", text, List.of());
    }

    @Test
    void firstTurnStartsAThread() {
        assertThat(AmpCommandLine.turn(spec("medium", "default", null, null), null, SETTINGS, message("hi")))
                .containsExactly("/opt/amp/bin/amp", "--execute=hi", "--stream-json", "--stream-json-thinking",
                        "--settings-file", "/tmp/s/settings.json", "--mode", "medium");
    }

    @Test
    void laterTurnsContinueTheThread() {
        assertThat(AmpCommandLine.turn(spec("ultra", "default", null, "ignored later"), "T-1", SETTINGS, message("again")))
                .startsWith("/opt/amp/bin/amp", "threads", "continue", "T-1", "--execute=again")
                .containsSequence("--mode", "ultra").doesNotContain("--title");
    }

    @Test
    void bypassModelAndTitle() {
        assertThat(AmpCommandLine.turn(spec("low", "bypass", "some-model", "My task"), null, SETTINGS, message("x")))
                .containsSequence("--model", "some-model").containsSequence("--title", "My task")
                .endsWith("--dangerously-allow-all");
        assertThat(AmpCommandLine.turn(spec("low", "plan", null, null), null, SETTINGS, message("x")))
                .doesNotContain("--dangerously-allow-all");
    }

    @Test
    void aPromptThatLooksLikeAnOptionStaysThePrompt() {
        assertThat(AmpCommandLine.turn(spec("medium", null, null, null), null, SETTINGS, message("-v\nsecond line")))
                .contains("--execute=-v\nsecond line");
    }

    @Test
    void attachmentsAreNamedInThePrompt() {
        UserMessage m = new UserMessage("t", "look at these", List.of(new UserMessage.Attachment("/work/a.png", "image/png",
                "a.png"), new UserMessage.Attachment("/work/b.txt", null, null)));
        assertThat(AmpCommandLine.prompt(m)).isEqualTo("look at these\n\nAttached files:\n- /work/a.png\n- /work/b.txt");
    }
}
