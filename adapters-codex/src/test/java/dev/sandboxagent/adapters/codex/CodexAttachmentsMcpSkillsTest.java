package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.testing.TurnRunner;
import dev.sandboxagent.adapters.codex.fake.FakeResponsesApi;
import dev.sandboxagent.adapters.codex.fake.FakeScript;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.McpServer;
import dev.sandboxagent.core.testing.McpTestServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The session's MCP servers (as config overrides), skills (an extra skills root) and an image
 * attachment, observed in what the real codex sends to the fake Responses API.
 */
class CodexAttachmentsMcpSkillsTest {

    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    static final String SKILL_DESCRIPTION = "Formats release notes the sandbox way (test skill 2b8e)";

    private static CodexTestEnv env;

    @BeforeAll
    static void start() throws Exception {
        env = new CodexTestEnv();
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    @AfterEach
    void terminateSessions() {
        env.engine.listSessions().forEach(i -> env.engine.terminate(i.sessionId()));
    }

    private static List<UniversalEvent> turn(String session, MessageRequest message) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(TurnRunner.TIMEOUT);
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

    private static List<JsonObject> requestsFor(String marker) {
        return env.fake.requests().stream().map(FakeResponsesApi.Request::body)
                .filter(b -> b.getJsonArray("input").toString().contains(marker)).toList();
    }

    @Test
    void mcpServerSkillAndImageReachTheModel() throws Exception {
        Path root = Files.createDirectories(env.workDir.resolve("mcp-test"));
        Path serverDir = Files.createDirectories(root.resolve("mcp-cwd"));
        List<String> command = McpTestServer.command(root.resolve("mcp"));
        Path skill = Files.createDirectories(root.resolve("skills-src/release-notes"));
        Files.writeString(skill.resolve("SKILL.md"), "---\nname: release-notes\ndescription: " + SKILL_DESCRIPTION
                + "\n---\n\nWrite release notes as a bulleted list.\n");
        Files.write(root.resolve("pixel.png"), PNG);
        JsonObject mcp = Json.createObjectBuilder().add("probe", Json.createObjectBuilder().add("type", "local")
                .add("command", Json.createArrayBuilder(command)).add("cwd", serverDir.toString())
                .add("env", Json.createObjectBuilder().add(McpTestServer.ENV_VAR, "from-the-session"))).build();
        JsonObject skills = Json.createObjectBuilder().add("sources", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("type", "local").add("source", "skills-src"))).build();
        env.engine.createSession("mcp", new CreateSessionRequest(CodexAdapter.ID, null, null, root.toString(), mcp,
                null, "bypass", skills, null, null));

        turn("mcp", new MessageRequest(FakeScript.prompt("text") + " (probe-turn)",
                List.of(new MessageRequest.Attachment("pixel.png", null, null))));
        JsonObject first = requestsFor("probe-turn").getFirst();
        String body = first.toString();
        // codex defers MCP tools behind its tool_search tool and names their namespace up front
        assertThat(body).contains("Deferred tool namespaces:\\n- mcp__probe");
        assertThat(body).contains("- release-notes: " + SKILL_DESCRIPTION);
        assertThat(first.getJsonArray("input").toString())
                .contains("data:image/png;base64," + Base64.getEncoder().encodeToString(PNG));
        // the extra skills root is a folder of links, removed with the session
        var skillsRoot = java.util.regex.Pattern.compile("(/[^`\"\\\\]*sandbox-codex-skills-[0-9]+)").matcher(body);
        assertThat(skillsRoot.find()).as("the skills root is named in the request").isTrue();
        assertThat(Path.of(skillsRoot.group(1)).resolve("release-notes")).exists();
        env.engine.terminate("mcp");
        assertThat(Path.of(skillsRoot.group(1))).doesNotExist();
        assertThat(skill.resolve("SKILL.md")).exists();
    }

    @Test
    void configCodexCannotTakeIsRefusedAtCreation() {
        String[][] cases = {
                {"{\"a.b\":{\"type\":\"local\",\"command\":\"x\"}}", "names may hold only"},
                {"{\"web\":{\"type\":\"remote\",\"url\":\"http://h/sse\",\"transport\":\"sse\"}}", "not SSE"},
                {"{\"web\":{\"type\":\"remote\",\"url\":\"http://h/mcp\",\"oauth\":{\"clientId\":\"c\"}}}", "OAuth"},
        };
        for (String[] c : cases) {
            JsonObject mcp = Json.createReader(new java.io.StringReader(c[0])).readObject();
            assertThatThrownBy(() -> env.engine.createSession("bad", new CreateSessionRequest(CodexAdapter.ID, null, null,
                    null, mcp, null, null, null, null, null)))
                    .as(c[0]).isInstanceOfSatisfying(SandboxException.class,
                            e -> assertThat(e.detail()).startsWith("codex cannot take mcp[").contains(c[1]));
        }
        assertThat(env.engine.listSessions()).isEmpty();
    }

    @Test
    void mcpServersBecomeConfigOverrides() {
        JsonObject mcp = Json.createReader(new java.io.StringReader("""
                {"files":{"type":"local","command":["node","s.js"],"args":["--x"],"env":{"A":"1 \\"q\\""},"cwd":"/w",
                          "timeoutMs":2500},
                 "web":{"type":"remote","url":"https://h/mcp","headers":{"X-A":"a"},"envHeaders":{"X-B":"VB"},
                        "bearerTokenEnvVar":"TOK","enabled":false}}""")).readObject();
        var spec = AgentSessionSpec.builder("s", Path.of("/w")).mcpServers(McpServer.parse(mcp))
                .binary(Path.of("/bin/codex")).build();
        assertThat(CodexMcp.overrides(McpServer.parse(mcp))).containsExactly(
                "-c", "mcp_servers.files={command = \"node\", args = [\"s.js\", \"--x\"], env = {\"A\" = \"1 \\\"q\\\"\"}, "
                        + "cwd = \"/w\", enabled = true, startup_timeout_sec = 2.5, tool_timeout_sec = 2.5}",
                "-c", "mcp_servers.web={url = \"https://h/mcp\", http_headers = {\"X-A\" = \"a\"}, "
                        + "env_http_headers = {\"X-B\" = \"VB\"}, bearer_token_env_var = \"TOK\", enabled = false}");
        assertThat(CodexLaunch.launchSpec(spec).command()).anyMatch(a -> a.startsWith("mcp_servers.files={command"))
                .anyMatch(a -> a.startsWith("mcp_servers.web={url"));
    }
}
