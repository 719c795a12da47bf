package dev.sandboxagent.http;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AgentsApiTest {

    @TempDir
    Path dir;

    @Test
    void listModesModelsInstall() {
        try (TestServer t = new TestServer(dir)) {
            JsonObject mock = TestServer.parse(t.get("/v1/agents").body()).getJsonArray("agents").getJsonObject(0);
            assertThat(mock.getString("id")).isEqualTo("mock");
            assertThat(mock.getBoolean("installed")).isTrue();
            assertThat(mock.getBoolean("credentialsAvailable")).isTrue();
            JsonObject caps = mock.getJsonObject("capabilities");
            assertThat(caps.keySet()).containsExactlyInAnyOrder("planMode", "permissions", "questions", "toolCalls",
                    "toolResults", "textMessages", "images", "fileAttachments", "sessionLifecycle", "errorEvents",
                    "reasoning", "status", "commandExecution", "fileChanges", "mcpTools", "streamingDeltas",
                    "itemStarted", "sharedProcess");
            assertThat(caps.getBoolean("permissions")).isTrue();

            JsonObject modes = TestServer.parse(t.get("/v1/agents/mock/modes").body());
            assertThat(modes.getJsonArray("modes").getJsonObject(0).getString("id")).isEqualTo("build");
            assertThat(modes.getJsonArray("modes").getJsonObject(0).getString("description")).isNotBlank();

            JsonObject models = TestServer.parse(t.get("/v1/agents/mock/models").body());
            assertThat(models.getString("defaultModel")).isEqualTo("mock-1");
            assertThat(models.getJsonArray("models").getJsonObject(0).getString("id")).isEqualTo("mock-1");

            assertThat(t.post("/v1/agents/mock/install", "").statusCode()).isEqualTo(204);
            assertThat(t.post("/v1/agents/mock/install", "{\"reinstall\":true}").statusCode()).isEqualTo(204);
        }
    }
}
