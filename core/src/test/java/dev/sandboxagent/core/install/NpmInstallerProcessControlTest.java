package dev.sandboxagent.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxagent.core.install.InstallException.Reason;
import dev.sandboxagent.core.process.LiveProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timeouts and per-agent locking, with a scripted stand-in for npm (a real shell process) whose
 * behaviour can be controlled and observed.
 */
class NpmInstallerProcessControlTest {

    /** Fakes {@code npm install --prefix DIR ... NAME@VERSION}: logs each run, then installs a stub bin. */
    private static final String FAKE_NPM = """
            #!/bin/sh
            prefix=""; spec=""
            while [ $# -gt 0 ]; do
              case "$1" in --prefix) prefix="$2"; shift ;; -*) ;; *) spec="$1" ;; esac
              shift
            done
            name="${spec%@*}"; version="${spec##*@}"
            echo "$name" >> "$FAKE_NPM_LOG"
            if [ -n "$FAKE_NPM_HANG" ]; then
              sleep 300 & echo $! > "$FAKE_NPM_HANG"; wait; exit 1
            fi
            if [ -n "$FAKE_NPM_RENDEZVOUS" ]; then
              # wait (up to 30s) for the other agent's install to be running at the same time
              touch "$FAKE_NPM_RENDEZVOUS/$name"; i=0
              while [ "$(ls "$FAKE_NPM_RENDEZVOUS" | wc -l)" -lt 2 ]; do
                i=$((i+1)); if [ $i -gt 600 ]; then echo "npm error the other install never ran" >&2; exit 1; fi
                sleep 0.05
              done
            else
              sleep 0.3 # long enough for an unserialised second install to start meanwhile
            fi
            mkdir -p "$prefix/node_modules/$name" "$prefix/node_modules/.bin"
            printf '{"name":"%s","version":"%s"}\\n' "$name" "$version" > "$prefix/node_modules/$name/package.json"
            printf '#!/bin/sh\\necho %s\\n' "$version" > "$prefix/node_modules/$name/cli"
            chmod +x "$prefix/node_modules/$name/cli"
            ln -sf "../$name/cli" "$prefix/node_modules/.bin/$name"
            echo "added 1 package"
            """;

    /** A thread per install, so they really run at the same time whatever the core count. */
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @TempDir
    Path root;
    Path npm;
    Path log;

    @BeforeEach
    void setUp() throws Exception {
        npm = NpmTestPackages.executable(root.resolve("fake-npm"), FAKE_NPM);
        log = root.resolve("npm-runs.log");
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private NpmInstaller installer(Map<String, String> extraEnv, Duration timeout) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("FAKE_NPM_LOG", log.toString());
        env.putAll(extraEnv);
        return new NpmInstaller(root.resolve("data"), npm.toString(), env, timeout);
    }

    private List<String> npmRuns() throws Exception {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void installsOfTheSameAgentAreSerialised() throws Exception {
        NpmInstaller installer = installer(Map.of(), Duration.ofMinutes(1));
        List<CompletableFuture<InstalledAgent>> installs = List.of(
                CompletableFuture.supplyAsync(() -> installer.install("same", "a-pkg", "1.0.0", "a-pkg", false), threads),
                CompletableFuture.supplyAsync(() -> installer.install("same", "a-pkg", "1.0.0", "a-pkg", false), threads));

        InstalledAgent first = installs.get(0).get(60, TimeUnit.SECONDS);
        assertThat(installs.get(1).get(60, TimeUnit.SECONDS)).isEqualTo(first);
        assertThat(first.version()).isEqualTo("1.0.0");
        assertThat(npmRuns()).as("the second install found the first one done").containsExactly("a-pkg");
    }

    @Test
    void differentAgentsInstallConcurrently() throws Exception {
        Path rendezvous = Files.createDirectories(root.resolve("rendezvous"));
        NpmInstaller installer = installer(Map.of("FAKE_NPM_RENDEZVOUS", rendezvous.toString()), Duration.ofMinutes(1));
        CompletableFuture<InstalledAgent> one =
                CompletableFuture.supplyAsync(() -> installer.install("one", "a-pkg", "1.0.0", "a-pkg", false), threads);
        CompletableFuture<InstalledAgent> two =
                CompletableFuture.supplyAsync(() -> installer.install("two", "b-pkg", "2.0.0", "b-pkg", false), threads);

        assertThat(one.get(60, TimeUnit.SECONDS).version()).isEqualTo("1.0.0");
        assertThat(two.get(60, TimeUnit.SECONDS).version()).isEqualTo("2.0.0");
        assertThat(npmRuns()).containsExactlyInAnyOrder("a-pkg", "b-pkg");
    }

    @Test
    void aHangingNpmIsKilledWithItsChildrenAfterTheTimeout() throws Exception {
        Path childPid = root.resolve("child.pid");
        NpmInstaller installer = installer(Map.of("FAKE_NPM_HANG", childPid.toString()), Duration.ofSeconds(3));

        long started = System.nanoTime();
        assertThatThrownBy(() -> installer.install("slow", "a-pkg", "1.0.0", "a-pkg", false))
                .isInstanceOfSatisfying(InstallException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
                    assertThat(e.getMessage()).contains("a-pkg@1.0.0", "PT3S", "stopped");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        long pid = Long.parseLong(Files.readString(childPid).strip());
        assertThat(LiveProcesses.isRunning(pid)).as("npm's child %s", pid).isFalse();
    }

    @Test
    void streamsNpmOutputToTheProgressConsumer() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        installer(Map.of(), Duration.ofMinutes(1)).install("p", "a-pkg", null, "a-pkg", false, progress::add);
        assertThat(progress).containsExactly("added 1 package");
    }
}
