package dev.sandboxagent.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxagent.core.install.InstallException.Reason;
import dev.sandboxagent.core.process.AgentProcess;
import dev.sandboxagent.core.process.LaunchSpec;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installs with the real npm from local packages (no registry access; a dead registry URL is set). */
class NpmInstallerTest {

    @TempDir
    Path root;
    Path dataDir;
    Path pkg;
    Map<String, String> env;
    NpmInstaller installer;

    @BeforeEach
    void setUp() throws IOException {
        dataDir = root.resolve("data");
        pkg = NpmTestPackages.write(root.resolve("pkg"), "fake-agent", "1.0.0");
        env = NpmTestPackages.offlineEnvironment(root, "http://127.0.0.1:9/");
        installer = new NpmInstaller(dataDir, "npm", env, Duration.ofMinutes(2));
    }

    private JsonObject record(String agentId) throws IOException {
        Path file = dataDir.resolve("agents").resolve(agentId).resolve("installed.json");
        return Json.createReader(new StringReader(Files.readString(file))).readObject();
    }

    @Test
    void installsALocalPackageIntoTheAgentsFolderAndRecordsIt() throws Exception {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        InstalledAgent agent = installer.install("fake", pkg.toString(), "1.0.0", "fake-agent", false, progress::add);

        Path expected = dataDir.resolve("agents/fake/node_modules/.bin/fake-agent");
        assertThat(agent).isEqualTo(new InstalledAgent("fake", expected, "1.0.0", InstalledAgent.Source.DATA_DIR));
        assertThat(Files.isExecutable(expected)).isTrue();
        assertThat(run(expected)).isEqualTo("fake-agent 1.0.0");
        assertThat(progress).anySatisfy(line -> assertThat(line).contains("added 1 package"));

        JsonObject record = record("fake");
        assertThat(record.getString("agent")).isEqualTo("fake");
        assertThat(record.getString("package")).isEqualTo(pkg.toString());
        assertThat(record.getString("version")).isEqualTo("1.0.0");
        assertThat(record.getString("bin")).isEqualTo("fake-agent");
        assertThat(Instant.parse(record.getString("installedAt"))).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void aSecondInstallOfTheSameVersionDoesNotRunNpm() throws Exception {
        installer.install("fake", pkg.toString(), "1.0.0", "fake-agent", false);
        String installedAt = record("fake").getString("installedAt");

        List<String> progress = new ArrayList<>();
        InstalledAgent again = installer.install("fake", pkg.toString(), "1.0.0", "fake-agent", false, progress::add);
        // an installer whose npm does not exist proves npm is not needed either
        NpmInstaller withoutNpm = new NpmInstaller(dataDir, root.resolve("no/npm").toString(), env, Duration.ofMinutes(1));
        InstalledAgent third = withoutNpm.install("fake", pkg.toString(), "1.0.0", "fake-agent", false);

        assertThat(again.version()).isEqualTo("1.0.0");
        assertThat(third).isEqualTo(again);
        assertThat(progress).isEmpty();
        assertThat(record("fake").getString("installedAt")).isEqualTo(installedAt);
    }

    @Test
    void reinstallStartsFromAnEmptyFolder() throws Exception {
        installer.install("fake", pkg.toString(), "1.0.0", "fake-agent", false);
        Instant first = Instant.parse(record("fake").getString("installedAt"));
        Path leftover = Files.writeString(dataDir.resolve("agents/fake/leftover.txt"), "old");

        InstalledAgent agent = installer.install("fake", pkg.toString(), "1.0.0", "fake-agent", true);

        assertThat(leftover).doesNotExist();
        assertThat(Instant.parse(record("fake").getString("installedAt"))).isAfter(first);
        assertThat(run(agent.binary())).isEqualTo("fake-agent 1.0.0");
    }

    @Test
    void aDifferentRequestedVersionInstallsAgain() throws Exception {
        installer.install("fake", pkg.toString(), "1.0.0", "fake-agent", false);
        NpmTestPackages.write(pkg, "fake-agent", "1.1.0");

        InstalledAgent agent = installer.install("fake", pkg.toString(), "1.1.0", "fake-agent", false);

        assertThat(agent.version()).isEqualTo("1.1.0");
        assertThat(record("fake").getString("version")).isEqualTo("1.1.0");
        assertThat(run(agent.binary())).isEqualTo("fake-agent 1.1.0");
    }

    @Test
    void findPrefersTheDataDirAndFallsBackToThePath() throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path onPath = NpmTestPackages.executable(bin.resolve("other-agent"), "#!/bin/sh\necho other\n");
        NpmTestPackages.executable(bin.resolve("fake-agent"), "#!/bin/sh\necho impostor\n");
        Files.writeString(bin.resolve("not-executable"), "#!/bin/sh\n");
        Map<String, String> withBin = new HashMap<>(env);
        withBin.put("PATH", bin + ":" + env.get("PATH"));
        NpmInstaller finder = new NpmInstaller(dataDir, "npm", withBin, Duration.ofMinutes(2));

        assertThat(finder.find("fake", "fake-agent")).hasValue(
                new InstalledAgent("fake", bin.resolve("fake-agent"), null, InstalledAgent.Source.PATH));
        finder.install("fake", pkg.toString(), "1.0.0", "fake-agent", false);
        assertThat(finder.find("fake", "fake-agent")).hasValue(new InstalledAgent("fake",
                dataDir.resolve("agents/fake/node_modules/.bin/fake-agent"), "1.0.0", InstalledAgent.Source.DATA_DIR));
        assertThat(finder.find("other", "other-agent")).hasValue(
                new InstalledAgent("other", onPath, null, InstalledAgent.Source.PATH));
        assertThat(finder.find("other", "not-executable")).isEmpty();
        assertThat(installer.find("other", "other-agent")).isEmpty();
    }

    @Test
    void aMissingLocalPackageFailsWithAOneLineMessage() {
        Path missing = root.resolve("does-not-exist");
        assertThatThrownBy(() -> installer.install("fake", missing.toString(), "1.0.0", "fake-agent", false))
                .isInstanceOfSatisfying(InstallException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PACKAGE_NOT_FOUND);
                    assertThat(e.getMessage())
                            .doesNotContain("\n")
                            .contains(missing.toString(), "package not found", "ENOENT", "Could not read package.json");
                });
        assertThat(installer.find("fake", "fake-agent")).isEmpty();
        assertThat(dataDir.resolve("agents/fake/installed.json")).doesNotExist();
    }

    @Test
    void aPackageWithoutTheExpectedBinaryFails() {
        assertThatThrownBy(() -> installer.install("fake", pkg.toString(), "1.0.0", "wrong-bin", false))
                .isInstanceOfSatisfying(InstallException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BINARY_MISSING);
                    assertThat(e.getMessage()).contains("'wrong-bin'").doesNotContain("\n");
                });
    }

    @Test
    void reportsMissingNpm() {
        NpmInstaller badPath = new NpmInstaller(dataDir, root.resolve("nowhere/npm").toString(), env, Duration.ofMinutes(1));
        Map<String, String> emptyPath = new HashMap<>(env);
        emptyPath.put("PATH", root.toString());
        NpmInstaller notOnPath = new NpmInstaller(dataDir, "npm", emptyPath, Duration.ofMinutes(1));

        for (NpmInstaller withoutNpm : List.of(badPath, notOnPath)) {
            assertThatThrownBy(() -> withoutNpm.install("fake", pkg.toString(), "1.0.0", "fake-agent", false))
                    .isInstanceOfSatisfying(InstallException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.NPM_NOT_FOUND);
                        assertThat(e.getMessage()).startsWith("npm was not found on PATH; install Node.js 20+ and npm");
                    });
        }
    }

    @Test
    void rejectsMalformedIdsNamesAndSpecs() {
        assertThatThrownBy(() -> installer.install("../escape", "x", "1.0.0", "x", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> installer.install("ok", "--global", "1.0.0", "x", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> installer.install("ok", "pkg", "1.0.0 --global", "x", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> installer.find("ok", "../../bin/sh"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Runs an installed binary and returns its first output line. */
    private static String run(Path binary) throws Exception {
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        try (AgentProcess process = AgentProcess.start(LaunchSpec.of(binary.getParent(), binary.toString()),
                firstLine::complete, (code, stderr) -> firstLine.complete("exit " + code + ": " + stderr.text()))) {
            return firstLine.get(30, TimeUnit.SECONDS);
        }
    }
}
