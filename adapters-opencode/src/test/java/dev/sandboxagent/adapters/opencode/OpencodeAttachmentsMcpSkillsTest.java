package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.testing.TurnRunner;
import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.error.SandboxException;
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
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.sandboxagent.core.testing.TurnRunner.completed;
import static dev.sandboxagent.core.testing.TurnRunner.lastText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the real {@code opencode serve} sends to the model for a session's attachments, MCP
 * servers and skills: an image as an {@code image_url} data URL, the MCP server's tool in the
 * tool list (and a call of it answered by the server, in its cwd with its env), the skill in the
 * skill tool's description.
 */
class OpencodeAttachmentsMcpSkillsTest {

    /** A 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    static final String SKILL_DESCRIPTION = "Formats release notes the sandbox way (test skill 9c1d)";
    static final String PROBE_TOOL = "probe_" + McpTestServer.TOOL;

    @TempDir
    static Path tmp;
    static OpencodeTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new OpencodeTestEnv(tmp, Map.of());
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    private static List<UniversalEvent> turn(String session, MessageRequest message) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(90);
        try (EventStream s = env.engine.postMessageAndFollowTurn(session, message)) {
            while (!s.isFinished() && Instant.now().isBefore(deadline)) {
                out.addAll(s.poll(Duration.ofMillis(500)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(out).as("turn ended").isNotEmpty().last().matches(e -> e.type() == UniversalEventType.TURN_ENDED);
        return out;
    }

    /** The chat requests whose last user message mentions {@code marker} (title requests left out). */
    private static List<JsonObject> requestsFor(String marker) {
        return env.fake.requests().stream().filter(r -> r.containsKey("tools"))
                .filter(r -> r.getJsonArray("messages").toString().contains(marker)).toList();
    }

    private static List<String> toolNames(JsonObject request) {
        return request.getJsonArray("tools").getValuesAs(JsonObject.class).stream()
                .map(t -> t.getJsonObject("function").getString("name")).toList();
    }

    @Test
    void anImageAttachmentReachesTheModelAsImageContent() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("images"));
        Path image = Files.write(dir.resolve("pixel.png"), PNG);
        String s = TestSessions.create(env.engine, "bypass", null, null, dir);
        List<UniversalEvent> t = turn(s, new MessageRequest("[TEXT] what is in the picture? (image-turn)",
                List.of(new MessageRequest.Attachment("pixel.png", null, null))));
        JsonObject request = requestsFor("image-turn").getFirst();
        List<JsonObject> parts = request.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .filter(m -> "user".equals(Jsons.string(m, "role")) && m.get("content") instanceof JsonArray)
                .flatMap(m -> m.getJsonArray("content").getValuesAs(JsonObject.class).stream()).toList();
        assertThat(parts).as("user content parts").anySatisfy(p -> {
            assertThat(Jsons.string(p, "type")).isEqualTo("image_url");
            assertThat(p.getJsonObject("image_url").getString("url"))
                    .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
        });
        UniversalItem user = t.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED)
                .map(e -> ((ItemEventData) e.data()).item()).filter(i -> i.role() == ItemRole.USER).findFirst().orElseThrow();
        assertThat(user.content()).contains(new ContentPart.Image(image.toString(), "image/png"));
    }

    @Test
    void anMcpServerAndASkillReachTheModel() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path serverDir = Files.createDirectories(tmp.resolve("mcp-cwd"));
        List<String> command = McpTestServer.command(tmp.resolve("mcp"));
        Path skill = Files.createDirectories(tmp.resolve("skills-src/release-notes"));
        Files.writeString(skill.resolve("SKILL.md"), "---\nname: release-notes\ndescription: " + SKILL_DESCRIPTION
                + "\n---\n\nWrite release notes as a bulleted list.\n");
        JsonObject mcp = Json.createObjectBuilder().add("probe", Json.createObjectBuilder().add("type", "local")
                .add("command", Json.createArrayBuilder(command)).add("cwd", serverDir.toString())
                .add("env", Json.createObjectBuilder().add(McpTestServer.ENV_VAR, "from-the-session"))).build();
        JsonObject skills = Json.createObjectBuilder().add("sources", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "local").add("source", tmp.resolve("skills-src").toString())))
                .build();
        env.engine.createSession("mcp", new CreateSessionRequest(OpencodeAdapter.ID, null, null, project.toString(), mcp,
                null, "bypass", skills, null, null));
        assertThat(Files.isSymbolicLink(project.resolve(".opencode/skills/release-notes"))).isTrue();

        List<UniversalEvent> t = TurnRunner.turn(env.engine, "mcp", "[PROBE] call it (probe-turn)");
        JsonObject first = requestsFor("probe-turn").getFirst();
        assertThat(toolNames(first)).contains(PROBE_TOOL);
        assertThat(first.toString()).contains(SKILL_DESCRIPTION);
        UniversalItem result = completed(t).stream().filter(i -> i.kind() == ItemKind.TOOL_RESULT).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no tool result in " + TurnRunner.types(t)));
        assertThat(result.content().toString()).contains(McpTestServer.RESULT, "cwd=" + serverDir,
                "marker=from-the-session");
        assertThat(lastText(t)).contains("Done after the tool: " + McpTestServer.RESULT);

        // the same name with another config in the same directory is refused, not silently replaced
        JsonObject other = Json.createObjectBuilder().add("probe", Json.createObjectBuilder().add("type", "local")
                .add("command", "other-server")).build();
        assertThatThrownBy(() -> env.engine.createSession("mcp-2", new CreateSessionRequest(OpencodeAdapter.ID, null, null,
                project.toString(), other, null, null, null, null, null)))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.detail()).contains("another config"));
    }

    @Test
    void configOpencodeCannotTakeIsRefusedBeforeStarting() {
        JsonObject oauth = Json.createObjectBuilder().add("web", Json.createObjectBuilder().add("type", "remote")
                .add("url", "https://mcp.example/mcp").add("oauth", JsonValue.TRUE)).build();
        assertThatThrownBy(() -> env.engine.createSession("oauth", new CreateSessionRequest(OpencodeAdapter.ID, null, null,
                null, oauth, null, null, null, null, null)))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.detail())
                        .startsWith("opencode cannot take mcp['web']: an OAuth login"));
        JsonObject missingVar = Json.createObjectBuilder().add("web", Json.createObjectBuilder().add("type", "remote")
                .add("url", "https://mcp.example/mcp").add("bearerTokenEnvVar", "NO_SUCH_VARIABLE_7Q")).build();
        assertThatThrownBy(() -> env.engine.createSession("novar", new CreateSessionRequest(OpencodeAdapter.ID, null, null,
                null, missingVar, null, null, null, null, null)))
                .isInstanceOfSatisfying(SandboxException.class, e -> assertThat(e.detail()).contains("NO_SUCH_VARIABLE_7Q"));
    }
}
