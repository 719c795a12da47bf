package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.CredentialSource;
import dev.sandboxagent.core.spi.McpServer;
import dev.sandboxagent.core.spi.NpmDistribution;
import dev.sandboxagent.core.spi.SessionSkills;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PiAdapterTest {

    private final PiAdapter adapter = new PiAdapter();

    @Test
    void foundByServiceLoader() {
        assertThat(AgentCatalog.discover(getClass().getClassLoader())).map(AgentAdapter::id).contains("pi");
    }

    @Test
    void installedFromItsNpmPackageAtThePinnedVersion() {
        assertThat(adapter.distribution()).contains(new NpmDistribution("@mariozechner/pi-coding-agent", "pi", "0.73.1"));
    }

    @Test
    void capabilitiesSayPiAsksNothing() {
        var c = adapter.capabilities();
        assertThat(c.permissions()).isFalse();
        assertThat(c.questions()).isFalse();
        assertThat(c.planMode()).isFalse();
        assertThat(c.textMessages()).isTrue();
        assertThat(c.streamingDeltas()).isTrue();
        assertThat(c.itemStarted()).isTrue();
        assertThat(c.toolCalls()).isTrue();
        assertThat(c.toolResults()).isTrue();
        assertThat(c.reasoning()).isTrue();
        assertThat(c.errorEvents()).isTrue();
        assertThat(c.sessionLifecycle()).isTrue();
        assertThat(c.images()).isFalse();
        assertThat(adapter.modes()).isEmpty();
        assertThat(adapter.models(null).models()).isEmpty();
    }

    @Test
    void credentialsAreProviderKeysAndPisOwnFiles() {
        assertThat(adapter.credentialSources()).contains(new CredentialSource.EnvVar("ANTHROPIC_API_KEY"),
                new CredentialSource.EnvVar("OPENAI_API_KEY"), new CredentialSource.EnvVar("GEMINI_API_KEY"),
                new CredentialSource.HomeFile(".pi/agent/auth.json"), new CredentialSource.HomeFile(".pi/agent/models.json"));
        assertThat(adapter.credentialSources()).anyMatch(s -> s.isPresent(Map.of("OPENROUTER_API_KEY", "k"), Path.of("/")));
    }

    @Test
    void theCommandLineCarriesResumeModelVariantPlanAndSkills() throws Exception {
        Path dir = Files.createTempDirectory("pi-argv-");
        AgentSessionSpec plain = AgentSessionSpec.builder("s", dir).permissionMode("default").binary(Path.of("/x/pi")).build();
        assertThat(PiCommandLine.argv(plain)).containsExactly("/x/pi", "--mode", "rpc");

        AgentSessionSpec full = plain.toBuilder().resume("abc").model("anthropic/claude-sonnet-4-5").variant("high")
                .permissionMode("plan").skills(List.of(new SessionSkills.Skill("lint", dir.resolve("lint")))).build();
        assertThat(PiCommandLine.argv(full)).containsExactly("/x/pi", "--mode", "rpc", "--session", "abc",
                "--model", "anthropic/claude-sonnet-4-5", "--thinking", "high", "--tools", "read,grep,find,ls",
                "--skill", dir.resolve("lint").toString());
        for (String mode : List.of("acceptEdits", "bypass")) {
            assertThat(PiCommandLine.argv(plain.toBuilder().permissionMode(mode).build())).doesNotContain("--tools");
        }
    }

    @Test
    void mcpServersAreRefusedSkillsTaken() {
        McpServer server = new McpServer.Local("fs", List.of("mcp-fs"), null, null, null, true, null);
        assertThatThrownBy(() -> adapter.checkSessionConfig(List.of(server), List.of()))
                .isInstanceOf(SandboxException.class).hasMessageContaining("pi has no MCP support");
        adapter.checkSessionConfig(List.of(), List.of(new SessionSkills.Skill("lint", Path.of("/skills/lint"))));
    }
}
