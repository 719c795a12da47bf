package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Small pure pieces: policy, command lines, shell words, model list. */
class CodexUnitsTest {

    private static AgentSessionSpec spec(String agentMode, String permissionMode, String model, String variant) {
        return AgentSessionSpec.builder("s", Path.of("/work/dir")).agentMode(agentMode).permissionMode(permissionMode)
                .model(model).variant(variant).environment(Map.of("OPENAI_API_KEY", "k", "CODEX_HOME", "/h"))
                .binary(Path.of("/bin/codex")).build();
    }

    @Test
    void permissionModesMapToApprovalPolicyAndSandbox() {
        assertThat(CodexPolicy.forPermissionMode("default")).isEqualTo(new CodexPolicy("on-request", "read-only"));
        assertThat(CodexPolicy.forPermissionMode(null)).isEqualTo(new CodexPolicy("on-request", "read-only"));
        assertThat(CodexPolicy.forPermissionMode("acceptEdits")).isEqualTo(new CodexPolicy("on-request", "workspace-write"));
        assertThat(CodexPolicy.forPermissionMode("plan")).isEqualTo(new CodexPolicy("never", "read-only"));
        assertThat(CodexPolicy.forPermissionMode("bypass")).isEqualTo(new CodexPolicy("never", "danger-full-access"));
    }

    @Test
    void launchPassesTheDaemonEnvironmentAndRunsTheAppServerInTheSessionDirectory() {
        var launch = CodexLaunch.launchSpec(spec("build", "default", null, null));
        assertThat(launch.command()).startsWith("/bin/codex", "app-server");
        assertThat(launch.directory()).isEqualTo(Path.of("/work/dir"));
        assertThat(launch.environment()).containsEntry("OPENAI_API_KEY", "k").containsEntry("CODEX_HOME", "/h");
    }

    @Test
    void threadAndTurnParamsCarryCwdPolicyModelEffortAndPlanMode() {
        JsonObject thread = CodexLaunch.thread(spec("build", "bypass", "gpt-5.5", null), null);
        assertThat(thread.getString("cwd")).isEqualTo("/work/dir");
        assertThat(thread.getString("approvalPolicy")).isEqualTo("never");
        assertThat(thread.getString("sandbox")).isEqualTo("danger-full-access");
        assertThat(thread.getString("model")).isEqualTo("gpt-5.5");
        assertThat(CodexLaunch.thread(spec("build", "default", null, null), "thr").getString("threadId")).isEqualTo("thr");

        UserMessage msg = new UserMessage("t", "hi", List.of(new UserMessage.Attachment("/a.png", "image/png", null),
                new UserMessage.Attachment("/notes.txt", "text/plain", null)));
        JsonObject build = CodexLaunch.turnStart(spec("build", "default", null, "high"), "thr", "gpt-5.5", msg);
        assertThat(build.getString("effort")).isEqualTo("high");
        assertThat(build.containsKey("collaborationMode")).isFalse();
        assertThat(build.getJsonArray("input").getJsonObject(0).getString("text")).isEqualTo("hi\n\n[attached file: /notes.txt]");
        assertThat(build.getJsonArray("input").getJsonObject(1).getString("type")).isEqualTo("localImage");
        JsonObject plan = CodexLaunch.turnStart(spec("plan", "default", null, null), "thr", "gpt-5.5", msg);
        assertThat(plan.getJsonObject("collaborationMode").getString("mode")).isEqualTo("plan");
        assertThat(plan.getJsonObject("collaborationMode").getJsonObject("settings").getString("model")).isEqualTo("gpt-5.5");
        assertThat(CodexLaunch.initialize(spec("plan", "default", null, null)).getJsonObject("capabilities")
                .getBoolean("experimentalApi")).isTrue();
        assertThat(CodexLaunch.initialize(spec("build", "default", null, null)).getJsonObject("capabilities")
                .getBoolean("experimentalApi")).isFalse();
    }

    @Test
    void shellWordsSplitCodexCommandsLikeTheShell() {
        assertThat(ShellWords.split("/bin/bash -lc 'echo start; sleep 30; echo end'"))
                .containsExactly("/bin/bash", "-lc", "echo start; sleep 30; echo end");
        assertThat(ShellWords.split("/bin/bash -c ls")).containsExactly("/bin/bash", "-c", "ls");
        assertThat(ShellWords.split("sh -c 'it'\"'\"'s' \"a \\\"b\\\"\" c\\ d"))
                .containsExactly("sh", "-c", "it's", "a \"b\"", "c d");
        assertThat(CommandReaper.matches(List.of("/bin/bash", "-lc", "sleep 30"), new String[]{"-lc", "sleep 30"})).isTrue();
        assertThat(CommandReaper.matches(List.of("/bin/bash", "-lc", "sleep 30"), new String[]{"-lc", "sleep 3"})).isFalse();
    }

    @Test
    void modelListOfTheRecordedBinaryBecomesModelsWithEffortVariants() throws Exception {
        JsonObject result = TranscriptReplay.read("appserver-legacy-methods.jsonl").stream()
                .map(l -> l.getJsonObject("msg")).filter(m -> m.containsKey("result") && m.getInt("id", 0) == 5)
                .findFirst().orElseThrow().getJsonObject("result");
        var models = CodexModels.parse(result);
        assertThat(models.defaultModel()).isEqualTo("gpt-6.1-sol");
        assertThat(models).isEqualTo(CodexModels.PINNED);
        assertThat(CodexModels.parse(JsonObject.EMPTY_JSON_OBJECT)).isEqualTo(CodexModels.PINNED);
    }
}
