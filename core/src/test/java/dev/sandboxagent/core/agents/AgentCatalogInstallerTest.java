package dev.sandboxagent.core.agents;

import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.install.AgentInstaller;
import dev.sandboxagent.core.install.InstallException;
import dev.sandboxagent.core.install.InstalledAgent;
import dev.sandboxagent.core.mock.MockAgentAdapter;
import dev.sandboxagent.core.port.AgentInfo;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.spi.AgentCapabilities;
import dev.sandboxagent.core.spi.AgentEventSink;
import dev.sandboxagent.core.spi.AgentMode;
import dev.sandboxagent.core.spi.AgentModels;
import dev.sandboxagent.core.spi.AgentSession;
import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.NpmDistribution;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog installs through the {@link AgentInstaller} port: any installer will do. */
class AgentCatalogInstallerTest {

    /** An installer in memory: records the calls, and fails when told to. */
    static final class FakeInstaller implements AgentInstaller {
        final List<String> calls = new ArrayList<>();
        final Map<String, InstalledAgent> installed = new HashMap<>();
        boolean fail;

        @Override
        public InstalledAgent install(String agentId, String packageSpecName, String version, String binName,
                                      boolean reinstall) {
            calls.add(agentId + " " + packageSpecName + "@" + version + " " + binName + (reinstall ? " again" : ""));
            if (fail) {
                throw new InstallException(InstallException.Reason.NPM_NOT_FOUND, "no npm here", null);
            }
            InstalledAgent a = new InstalledAgent(agentId, Path.of("/opt", agentId, binName), version,
                    InstalledAgent.Source.DATA_DIR);
            installed.put(agentId, a);
            return a;
        }

        @Override
        public Optional<InstalledAgent> find(String agentId, String binName) {
            return Optional.ofNullable(installed.get(agentId));
        }
    }

    /** The mock agent, distributed as an npm package. */
    static final class PackagedMock implements AgentAdapter {
        private final MockAgentAdapter mock = new MockAgentAdapter();

        @Override
        public String id() {
            return "packaged";
        }

        @Override
        public AgentCapabilities capabilities() {
            return mock.capabilities();
        }

        @Override
        public List<AgentMode> modes() {
            return mock.modes();
        }

        @Override
        public AgentModels models(Path binary) {
            return mock.models(binary);
        }

        @Override
        public Optional<NpmDistribution> distribution() {
            return Optional.of(new NpmDistribution("@example/packaged", "packaged-cli", "1.2.3"));
        }

        @Override
        public AgentSession start(AgentSessionSpec spec, AgentEventSink sink) {
            return mock.start(spec, sink);
        }
    }

    private final FakeInstaller installer = new FakeInstaller();
    private final AgentAdapter packaged = new PackagedMock();
    private final AgentCatalog catalog = new AgentCatalog(List.of(packaged), installer, Map.of(), Path.of("/home/x"));

    @Test
    void installsThePinnedVersionThroughThePortAndReportsIt() {
        assertThat(catalog.getAgent("packaged").installed()).isFalse();
        AgentInfo info = catalog.install("packaged", null, false);
        assertThat(installer.calls).containsExactly("packaged @example/packaged@1.2.3 packaged-cli");
        assertThat(info.installed()).isTrue();
        assertThat(info.version()).isEqualTo("1.2.3");
        assertThat(info.path()).isEqualTo(Path.of("/opt/packaged/packaged-cli").toString());
        catalog.install("packaged", "2.0.0", true);
        assertThat(installer.calls).last().isEqualTo("packaged @example/packaged@2.0.0 packaged-cli again");
    }

    @Test
    void ensureInstalledUsesWhatIsThereAndInstallsOtherVersions() {
        assertThat(catalog.ensureInstalled(packaged, null)).isEqualTo(Path.of("/opt/packaged/packaged-cli"));
        assertThat(installer.calls).hasSize(1);
        catalog.ensureInstalled(packaged, null);
        catalog.ensureInstalled(packaged, "1.2.3");
        assertThat(installer.calls).hasSize(1);
        catalog.ensureInstalled(packaged, "9.9.9");
        assertThat(installer.calls).last().isEqualTo("packaged @example/packaged@9.9.9 packaged-cli");
    }

    @Test
    void anInstallerFailureIsTypedForTheCaller() {
        installer.fail = true;
        assertThatThrownBy(() -> catalog.install("packaged", null, false))
                .isInstanceOfSatisfying(SandboxException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.INSTALL_FAILED);
                    assertThat(e.detail()).contains("no npm here");
                });
        assertThatThrownBy(() -> catalog.ensureInstalled(packaged, null))
                .isInstanceOfSatisfying(SandboxException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.AGENT_NOT_INSTALLED));
    }
}
