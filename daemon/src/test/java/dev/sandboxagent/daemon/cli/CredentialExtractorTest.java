package dev.sandboxagent.daemon.cli;

import dev.sandboxagent.adapters.pi.PiAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code credentials extract} finds for pi: provider keys in the environment and pi's own auth.json. */
class CredentialExtractorTest {

    @TempDir
    Path home;

    @Test
    void piKeysAreNamedByProviderAndItsAuthFileIsRead() throws Exception {
        Files.createDirectories(home.resolve(".pi/agent"));
        Files.writeString(home.resolve(".pi/agent/auth.json"), """
                {"anthropic": {"type": "api_key", "key": "sk-ant-from-pi-file"},
                 "openai-codex": {"type": "oauth", "access": "oauth-access-token", "refresh": "r", "expires": 1}}
                """);
        Map<String, String> env = Map.of("GEMINI_API_KEY", "gemini-key", "OPENROUTER_API_KEY", "router-key");
        List<ExtractedCredential> found = new CredentialExtractor(List.of(new PiAdapter()), env, home).extract();

        assertThat(found).extracting(c -> c.provider() + "/" + c.kind() + "/" + c.source() + "/" + c.envVar() + "/" + c.value())
                .containsExactly(
                        "google/api_key/env GEMINI_API_KEY/GEMINI_API_KEY/gemini-key",
                        "openrouter/api_key/env OPENROUTER_API_KEY/OPENROUTER_API_KEY/router-key",
                        "anthropic/api_key/file ~/.pi/agent/auth.json/ANTHROPIC_API_KEY/sk-ant-from-pi-file",
                        "openai-codex/oauth/file ~/.pi/agent/auth.json/null/oauth-access-token");
        assertThat(found).allMatch(c -> c.agents().equals(List.of("pi")));
    }
}
