package dev.sandboxagent.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxagent.core.install.InstallException.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry installs and registry errors with the real npm against {@link FakeNpmRegistry} on localhost. */
class NpmInstallerRegistryTest {

    @TempDir
    Path root;
    FakeNpmRegistry registry;
    NpmInstaller installer;

    @BeforeEach
    void setUp() throws Exception {
        registry = new FakeNpmRegistry();
        Path pkg = NpmTestPackages.write(root.resolve("pkg"), "fake-agent", "2.0.0");
        registry.publish("fake-agent", "2.0.0", pack(pkg));
        installer = installerFor(registry.url());
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private NpmInstaller installerFor(String registryUrl) {
        return new NpmInstaller(root.resolve("data"), "npm",
                NpmTestPackages.offlineEnvironment(root, registryUrl), Duration.ofMinutes(2));
    }

    /** The package as a tarball, made by the real {@code npm pack}. */
    private byte[] pack(Path pkg) throws Exception {
        Path out = Files.createDirectories(root.resolve("packed"));
        ProcessBuilder npmPack = new ProcessBuilder("npm", "pack", "--pack-destination", out.toString())
                .directory(pkg.toFile())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("pack.log").toFile());
        npmPack.environment().putAll(NpmTestPackages.offlineEnvironment(root, "http://127.0.0.1:9/"));
        Process process = npmPack.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(root.resolve("pack.log"))).isZero();
        return Files.readAllBytes(out.resolve("fake-agent-2.0.0.tgz"));
    }

    @Test
    void installsAPackageVersionFromTheRegistry() throws Exception {
        InstalledAgent agent = installer.install("fake", "fake-agent", "2.0.0", "fake-agent", false);

        assertThat(agent.version()).isEqualTo("2.0.0");
        assertThat(agent.binary()).isEqualTo(root.resolve("data/agents/fake/node_modules/.bin/fake-agent"));
        assertThat(Files.isExecutable(agent.binary())).isTrue();
        assertThat(Files.isSymbolicLink(root.resolve("data/agents/fake/node_modules/fake-agent"))).isFalse();
        assertThat(installer.find("fake", "fake-agent")).hasValue(agent);
    }

    @Test
    void anUnknownPackageIsReportedAsNotFound() {
        assertThatThrownBy(() -> installer.install("ghost", "no-such-agent", "1.0.0", "ghost", false))
                .isInstanceOfSatisfying(InstallException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PACKAGE_NOT_FOUND);
                    assertThat(e.getMessage()).doesNotContain("\n")
                            .contains("no-such-agent@1.0.0", "package not found", "E404", "404 Not Found");
                });
    }

    @Test
    void anUnknownVersionIsReportedAsSuch() {
        assertThatThrownBy(() -> installer.install("fake", "fake-agent", "9.9.9", "fake-agent", false))
                .isInstanceOfSatisfying(InstallException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.VERSION_NOT_FOUND);
                    assertThat(e.getMessage()).doesNotContain("\n")
                            .contains("version not found", "ETARGET", "No matching version found for fake-agent@9.9.9");
                });
    }

    @Test
    void anUnreachableRegistryIsReportedAsSuch() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        NpmInstaller offline = installerFor("http://127.0.0.1:" + closedPort + "/");
        assertThatThrownBy(() -> offline.install("fake", "fake-agent", "2.0.0", "fake-agent", false))
                .isInstanceOfSatisfying(InstallException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.REGISTRY_UNREACHABLE);
                    assertThat(e.getMessage()).doesNotContain("\n")
                            .contains("npm registry unreachable", "ECONNREFUSED");
                });
    }
}
