package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.testing.TurnRunner;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.schema.UniversalItem;
import dev.sandboxagent.core.testing.McpTestServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static dev.sandboxagent.core.testing.TurnRunner.completed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the real claude sends to the model for a session's attachments, MCP servers and skills:
 * an image as a base64 image block, the MCP server's tool in the tool list (and a call of it
 * answered by the server, run in its cwd with its env), the skill's description.
 */
class ClaudeAttachmentsMcpSkillsTest {

    /** A 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    static final String SKILL_DESCRIPTION = "Formats release notes the sandbox way (test skill 7f3a)";

    @TempDir
    static Path dir;
    private static ClaudeFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ClaudeFixture(dir);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static List<ModelRequest> requestsOf(String sessionId) {
        String nativeId = f.engine.getSession(sessionId).nativeSessionId();
        return f.fake.modelRequests().stream().filter(r -> r.sessionId().equals(nativeId)).toList();
    }

    private static List<String> toolNames(ModelRequest r) {
        return Jsons.array(r.body(), "tools").stream().map(t -> Jsons.string(t.asJsonObject(), "name")).toList();
    }

    @Test
    void anImageAttachmentReachesTheModelAsAnImageBlockAndFilesByName() throws Exception {
        f.engine.createSession("images", CreateSessionRequest.forAgent("claude"));
        Path image = Files.write(f.work.resolve("pixel.png"), PNG);
        Path notes = f.work.resolve(FakeModelScript.NOTES);
        List<UniversalEvent> turn;
        try (var s = f.engine.postMessageAndFollowTurn("images", new MessageRequest("what is in the picture?", List.of(
                new MessageRequest.Attachment("pixel.png", null, null),
                new MessageRequest.Attachment(notes.toString(), null, "notes.txt"))))) {
            turn = s.stream().toList();
        }
        ModelRequest request = requestsOf("images").getFirst();
        JsonArray messages = Jsons.array(request.body(), "messages");
        JsonObject imageBlock = messages.getValuesAs(JsonObject.class).stream()
                .filter(m -> "user".equals(Jsons.string(m, "role")) && m.get("content") instanceof JsonArray)
                .flatMap(m -> m.getJsonArray("content").getValuesAs(JsonObject.class).stream())
                .filter(b -> "image".equals(Jsons.string(b, "type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no image block in " + messages));
        assertThat(imageBlock.getJsonObject("source")).isEqualTo(Json.createObjectBuilder().add("type", "base64")
                .add("media_type", "image/png").add("data", Base64.getEncoder().encodeToString(PNG)).build());
        assertThat(request.prompt()).startsWith("what is in the picture?\n\nAttached files:\n- " + image
                + " (image/png, attached as an image below)\n- " + notes + " (text/plain)");

        // the user item shows both attachments, typed
        UniversalItem userItem = turn.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED)
                .map(e -> ((ItemEventData) e.data()).item()).filter(i -> i.role() == ItemRole.USER).findFirst().orElseThrow();
        assertThat(userItem.content()).containsExactly(new ContentPart.Text("what is in the picture?"),
                new ContentPart.Image(image.toString(), "image/png"),
                new ContentPart.FileRef(notes.toString(), dev.sandboxagent.core.schema.FileAction.READ, null));
    }

    @Test
    void anMcpServerAndASkillReachTheModel() throws Exception {
        Path serverDir = Files.createDirectories(dir.resolve("mcp-cwd"));
        List<String> command = McpTestServer.command(dir.resolve("mcp"));
        Path skills = Files.createDirectories(dir.resolve("skills-src/release-notes"));
        Files.writeString(skills.resolve("SKILL.md"), "---\nname: release-notes\ndescription: " + SKILL_DESCRIPTION
                + "\n---\n\nWrite release notes as a bulleted list.\n");
        JsonObject mcp = Json.createObjectBuilder().add("probe", Json.createObjectBuilder().add("type", "local")
                .add("command", Json.createArrayBuilder(command)).add("cwd", serverDir.toString())
                .add("env", Json.createObjectBuilder().add(McpTestServer.ENV_VAR, "from-the-session"))).build();
        JsonObject skillsConfig = Json.createObjectBuilder().add("sources", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "local").add("source", dir.resolve("skills-src").toString())))
                .build();
        Path project = Files.createDirectories(dir.resolve("project"));
        f.engine.createSession("mcp", new CreateSessionRequest("claude", null, null, project.toString(), mcp, null,
                "bypass", skillsConfig, null, null));
        assertThat(Files.isSymbolicLink(project.resolve(".claude/skills/release-notes"))).isTrue();

        List<UniversalEvent> turn = TurnRunner.turn(f.engine, "mcp", FakeModelScript.PROBE);
        ModelRequest first = requestsOf("mcp").getFirst();
        assertThat(toolNames(first)).contains(FakeModelScript.PROBE_TOOL);
        assertThat(first.body().toString()).contains(SKILL_DESCRIPTION);
        // the model called the tool: the server ran in its cwd with its env and answered
        List<UniversalItem> results = completed(turn, ItemKind.TOOL_RESULT);
        assertThat(results).isNotEmpty();
        assertThat(TurnRunner.output(results.getLast())).contains(McpTestServer.RESULT, "cwd=" + serverDir,
                "marker=from-the-session");
        assertThat(TurnRunner.lastText(turn)).startsWith("Probe said: " + McpTestServer.RESULT);
    }

    @Test
    void attachmentsThatDoNotExistAreRefused() {
        f.engine.createSession("missing", CreateSessionRequest.forAgent("claude"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.engine.postMessage("missing",
                        new MessageRequest("x", List.of(new MessageRequest.Attachment("nope.png", null, null)))))
                .hasMessageContaining("does not exist");
    }
}
