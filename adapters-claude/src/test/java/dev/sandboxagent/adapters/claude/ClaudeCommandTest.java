package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.McpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The claude command line, environment and MCP config for a session spec. */
class ClaudeCommandTest {

    private static final Path BIN = Path.of("/opt/agents/claude");

    static AgentSessionSpec spec(String agentMode, String permissionMode, String model, String variant,
                                 Map<String, String> env, JsonObject mcp) {
        return AgentSessionSpec.builder("s1", Path.of("/work")).agentMode(agentMode).permissionMode(permissionMode)
                .model(model).variant(variant).environment(env).mcpServers(McpServer.parse(mcp)).binary(BIN).build();
    }

    @Test
    void aNewSessionStreamsJsonBothWaysAndAsksOverStdio() {
        List<String> argv = ClaudeCommand.argv(BIN, spec("build", "default", null, null, Map.of(), null), "sid", null, null);
        assertThat(argv).containsExactly("/opt/agents/claude", "-p", "--output-format", "stream-json",
                "--input-format", "stream-json", "--verbose", "--include-partial-messages",
                "--permission-prompt-tool", "stdio", "--permission-mode", "default", "--session-id", "sid");
    }

    @Test
    void resumeModelEffortAndMcpAreFlags() {
        List<String> argv = ClaudeCommand.argv(BIN, spec("build", "acceptEdits", "sonnet", "low", Map.of(), null), null,
                "old-sid", "{\"mcpServers\":{}}");
        assertThat(String.join(" ", argv)).endsWith("--permission-mode acceptEdits --resume old-sid --model sonnet "
                + "--effort low --mcp-config {\"mcpServers\":{}}");
        assertThat(argv).doesNotContain("--session-id");
        assertThat(ClaudeCommand.argv(BIN, spec("build", null, ClaudeAdapter.DEFAULT_MODEL, null, Map.of(), null), "s",
                null, null)).doesNotContain("--model");
        assertThatThrownBy(() -> ClaudeCommand.argv(BIN, spec(null, null, null, null, Map.of(), null), "a", "b", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void permissionModesMapToClaudes() {
        assertThat(ClaudeCommand.permissionMode("build", null)).isEqualTo("default");
        assertThat(ClaudeCommand.permissionMode("build", "default")).isEqualTo("default");
        assertThat(ClaudeCommand.permissionMode("build", "acceptEdits")).isEqualTo("acceptEdits");
        assertThat(ClaudeCommand.permissionMode("build", "plan")).isEqualTo("plan");
        assertThat(ClaudeCommand.permissionMode("build", "bypass")).isEqualTo("bypassPermissions");
        // the plan agent mode is claude's plan permission mode, whatever the permission mode
        assertThat(ClaudeCommand.permissionMode("plan", "bypass")).isEqualTo("plan");
        assertThatThrownBy(() -> ClaudeCommand.permissionMode("build", "yolo")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bypassAsRootSaysItRunsInASandbox() {
        Map<String, String> env = Map.of("ANTHROPIC_API_KEY", "k", "PATH", "/bin");
        assertThat(ClaudeCommand.environment(spec("build", "bypass", null, null, env, null), true))
                .containsEntry("IS_SANDBOX", "1").containsEntry("ANTHROPIC_API_KEY", "k").containsEntry("PATH", "/bin");
        assertThat(ClaudeCommand.environment(spec("build", "bypass", null, null, env, null), false))
                .doesNotContainKey("IS_SANDBOX");
        assertThat(ClaudeCommand.environment(spec("build", "default", null, null, env, null), true))
                .isEqualTo(env);
        assertThat(ClaudeCommand.environment(spec("build", "bypass", null, null, Map.of("IS_SANDBOX", "0"), null), true))
                .containsEntry("IS_SANDBOX", "0");
    }

    @Test
    void mcpServersBecomeClaudesMcpConfig() {
        JsonObject mcp = Json.createObjectBuilder()
                .add("files", Json.createObjectBuilder().add("type", "local")
                        .add("command", Json.createArrayBuilder().add("npx").add("-y").add("server-files"))
                        .add("args", Json.createArrayBuilder().add("/data"))
                        .add("env", Json.createObjectBuilder().add("A", "1")))
                .add("web", Json.createObjectBuilder().add("type", "remote").add("url", "https://mcp.example/sse")
                        .add("transport", "sse").add("headers", Json.createObjectBuilder().add("X-Team", "t"))
                        .add("envHeaders", Json.createObjectBuilder().add("X-Key", "KEY_VAR"))
                        .add("bearerTokenEnvVar", "MCP_TOKEN").add("oauth", false))
                .add("in-dir", Json.createObjectBuilder().add("type", "local").add("command", "serve")
                        .add("cwd", "/srv/my dir").add("timeoutMs", 3000))
                .add("off", Json.createObjectBuilder().add("type", "local").add("command", "x").add("enabled", false))
                .build();
        List<McpServer> servers = McpServer.parse(mcp);
        ClaudeMcpConfig.check(servers);
        JsonObject config = Jsons.parseObject(ClaudeMcpConfig.of(servers)).getJsonObject("mcpServers");
        assertThat(config.keySet()).containsExactly("files", "web", "in-dir");
        assertThat(config.getJsonObject("files")).isEqualTo(Json.createObjectBuilder().add("type", "stdio")
                .add("command", "npx").add("args", Json.createArrayBuilder().add("-y").add("server-files").add("/data"))
                .add("env", Json.createObjectBuilder().add("A", "1")).build());
        assertThat(config.getJsonObject("web")).isEqualTo(Json.createObjectBuilder().add("type", "sse")
                .add("url", "https://mcp.example/sse").add("headers", Json.createObjectBuilder().add("X-Team", "t")
                        .add("X-Key", "${KEY_VAR}").add("Authorization", "Bearer ${MCP_TOKEN}")).build());
        // claude's config has no cwd: a shell changes into it and execs the server
        assertThat(config.getJsonObject("in-dir")).isEqualTo(Json.createObjectBuilder().add("type", "stdio")
                .add("command", "sh").add("args", Json.createArrayBuilder().add("-c").add("cd \"$0\" && exec \"$@\"")
                        .add("/srv/my dir").add("serve")).build());
        // one timeout for every server: the largest
        assertThat(ClaudeCommand.environment(spec("build", "default", null, null, Map.of(), mcp), false))
                .containsEntry("MCP_TIMEOUT", "3000").containsEntry("MCP_TOOL_TIMEOUT", "3000");
        assertThat(ClaudeMcpConfig.of(List.of())).isNull();
        assertThat(ClaudeMcpConfig.of(McpServer.parse(Json.createObjectBuilder().add("off", Json.createObjectBuilder()
                .add("type", "local").add("command", "x").add("enabled", false)).build()))).isNull();
    }

    @Test
    void anOauthLoginIsRefusedClearly() {
        for (JsonValue oauth : List.<JsonValue>of(JsonValue.TRUE, Json.createObjectBuilder().add("clientId", "c").build())) {
            JsonObject mcp = Json.createObjectBuilder().add("web", Json.createObjectBuilder().add("type", "remote")
                    .add("url", "https://mcp.example/mcp").add("oauth", oauth)).build();
            assertThatThrownBy(() -> new ClaudeAdapter().checkSessionConfig(McpServer.parse(mcp), List.of()))
                    .isInstanceOfSatisfying(SandboxException.class, e -> {
                        assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                        assertThat(e.detail()).startsWith("claude cannot take mcp['web']: an OAuth login");
                    });
        }
    }

    @Test
    void theAdapterDescribesItselfTruthfully() {
        ClaudeAdapter a = new ClaudeAdapter();
        assertThat(a.id()).isEqualTo("claude");
        assertThat(a.distribution()).hasValueSatisfying(d -> {
            assertThat(d.npmPackage()).isEqualTo("@anthropic-ai/claude-code");
            assertThat(d.binName()).isEqualTo("claude");
            assertThat(d.defaultVersion()).isEqualTo("2.1.197");
        });
        assertThat(a.modes()).extracting(m -> m.id()).containsExactly("build", "plan");
        assertThat(a.models(null).defaultModel()).isEqualTo(ClaudeAdapter.DEFAULT_MODEL);
        assertThat(a.credentialSources()).extracting(c -> c.describe()).contains("env ANTHROPIC_API_KEY");
        assertThat(java.util.ServiceLoader.load(dev.sandboxagent.core.spi.AgentAdapter.class).stream()
                .map(p -> p.type().getName())).contains(ClaudeAdapter.class.getName());
    }
}
