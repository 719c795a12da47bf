package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.CredentialSource;
import dev.sandboxagent.core.spi.NpmDistribution;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AmpAdapterTest {

    private final AmpAdapter adapter = new AmpAdapter();

    @Test
    void foundByServiceLoader() {
        assertThat(AgentCatalog.discover(getClass().getClassLoader())).map(AgentAdapter::id).contains("amp");
    }

    @Test
    void installedFromItsNpmPackageAtThePinnedVersion() {
        assertThat(adapter.distribution()).contains(new NpmDistribution("@sourcegraph/amp", "amp", "0.0.1790142911-g7618fb"));
    }

    @Test
    void modesAreAmpsWithItsDefaultFirst() {
        assertThat(adapter.modes()).map(AgentMode::id).containsExactly("medium", "low", "high", "ultra");
    }

    @Test
    void capabilitiesAreWhatTheAdapterEmits() {
        var c = adapter.capabilities();
        assertThat(c.permissions()).isFalse();
        assertThat(c.questions()).isFalse();
        assertThat(c.streamingDeltas()).isFalse();
        assertThat(c.itemStarted()).isFalse();
        assertThat(c.toolCalls()).isTrue();
        assertThat(c.toolResults()).isTrue();
        assertThat(c.textMessages()).isTrue();
        assertThat(c.reasoning()).isTrue();
        assertThat(c.errorEvents()).isTrue();
    }

    @Test
    void credentialsComeFromAmpApiKey() {
        assertThat(adapter.credentialSources()).containsExactly(new CredentialSource.EnvVar("AMP_API_KEY"));
        assertThat(adapter.credentialSources().getFirst().isPresent(Map.of("AMP_API_KEY", "k"), Path.of("/"))).isTrue();
        assertThat(adapter.models(null).models()).isEmpty();
    }
}
