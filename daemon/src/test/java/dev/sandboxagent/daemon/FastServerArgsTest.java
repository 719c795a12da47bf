package dev.sandboxagent.daemon;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import dev.sandboxagent.core.engine.Retention;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The picocli-free reading of plain {@code server} command lines gives exactly what picocli gives, or nothing. */
class FastServerArgsTest {

    private static final Map<String, String> NO_ENV = Map.of();

    /** What picocli makes of {@code args} (a valid server command line). */
    private static Server.Launch picocli(String... args) {
        CommandLine cli = SandboxDaemonCommand.newCommandLine();
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        CommandLine server = parsed.asCommandLineList().getLast();
        ServerCommand command = server.getCommand();
        return new Server.Launch(command.server, command.server.resolveToken(server), command.dataDir.get(),
                command.plugins.dirs(), command.storage.ephemeral, command.storage.retention());
    }

    private static void assertSame(Server.Launch fast, Server.Launch slow) {
        assertThat(fast).isNotNull();
        ServerOptions f = fast.options();
        ServerOptions s = slow.options();
        assertThat(fast.token()).isEqualTo(slow.token());
        assertThat(fast.dataDir()).isEqualTo(slow.dataDir());
        assertThat(fast.pluginDirs()).isEqualTo(slow.pluginDirs());
        assertThat(fast.ephemeral()).isEqualTo(slow.ephemeral());
        assertThat(fast.retention()).isEqualTo(slow.retention());
        assertThat(f.host()).isEqualTo(s.host());
        assertThat(f.port()).isEqualTo(s.port());
        assertThat(f.cors()).isEqualTo(s.cors());
        assertThat(f.turnIdleTimeoutMs()).isEqualTo(s.turnIdleTimeoutMs());
        assertThat(f.metricsPublic()).isEqualTo(s.metricsPublic());
        assertThat(f.noMetrics()).isEqualTo(s.noMetrics());
        assertThat(f.logFormat()).isEqualTo(s.logFormat());
        assertThat(f.logLevel()).isEqualTo(s.logLevel());
        assertThat(f.arguments(fast.token() != null)).isEqualTo(s.arguments(slow.token() != null));
    }

    @Test
    void plainServerCommandLinesAreReadAsPicocliReadsThem() {
        List<String[]> lines = List.of(
                new String[]{"server", "--no-token"},
                new String[]{"server", "--no-token", "--port", "0"},
                new String[]{"server", "--token", "abc", "--host", "0.0.0.0", "-p", "2469"},
                new String[]{"server", "--no-token", "--port=0", "--host=::1"},
                new String[]{"server", "--token=t", "-H", "localhost"},
                new String[]{"server", "--no-token", "--ephemeral", "--port", "0"},
                new String[]{"server", "--no-token", "--max-session-age", "7d", "--max-disk=10G"},
                new String[]{"server", "--no-token", "--max-session-age=90", "--max-disk", "1048576"},
                new String[]{"server", "--no-token", "--max-session-age", "12h", "--max-disk", "500MiB"},
                new String[]{"server", "-n", "-H", "127.0.0.1", "-p", "2491", "--no-telemetry"},
                new String[]{"server", "-n", "--turn-idle-timeout-ms", "30000"},
                new String[]{"server", "-n", "--turn-idle-timeout-ms=0"},
                new String[]{"server", "-n", "--metrics-public", "--no-metrics", "--log-format", "json", "--log-level=debug"},
                new String[]{"server", "-n", "--log-format=text", "--log-level", "error"},
                new String[]{"server", "-t", "tok", "-O", "http://a", "-M", "GET", "-A", "X-B", "-C", "--log-to-file"},
                new String[]{"server", "--no-token", "--data-dir", "/tmp/sandbox-data", "--plugin-dir", "a",
                        "--plugin-dir", "/opt/b"},
                new String[]{"server", "--no-token", "--cors-allow-origin", "http://a", "--cors-allow-origin=http://b",
                        "--cors-allow-method", "GET", "--cors-allow-header", "X-A", "--cors-allow-credentials"});
        for (String[] args : lines) {
            assertSame(FastServerArgs.parse(args, NO_ENV), picocli(args));
        }
    }

    @Test
    void theTokenMayComeFromTheEnvironment() {
        Server.Launch fast = FastServerArgs.parse(new String[]{"server", "--port", "0"}, Map.of("SANDBOX_TOKEN", "env-t"));
        assertThat(fast).isNotNull();
        assertThat(fast.token()).isEqualTo("env-t");
        assertThat(FastServerArgs.parse(new String[]{"server", "--port", "0"}, Map.of("SANDBOX_TOKEN", " "))).isNull();
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        List<String[]> lines = List.of(
                new String[]{},
                new String[]{"install-agent", "claude"},
                new String[]{"server"}, // no token: picocli reports it
                new String[]{"server", "--help"},
                new String[]{"server", "-h"},
                new String[]{"server", "--version"},
                new String[]{"server", "--no-token", "--port", "0", "--port", "1"},
                new String[]{"server", "--no-token", "-p", "0", "--port", "1"},
                new String[]{"server", "--no-token", "--token", "x"},
                new String[]{"server", "--no-token", "extra"},
                new String[]{"server", "--no-token", "--port", "abc"},
                new String[]{"server", "--no-token", "--port", "-1"},
                new String[]{"server", "--no-token", "--turn-idle-timeout-ms", "-5"},
                new String[]{"server", "--no-token", "--log-format", "xml"},
                new String[]{"server", "--no-token", "--log-level", "loud"},
                new String[]{"server", "--no-token", "--turn-idle-timeout-ms", "soon"},
                new String[]{"server", "--no-token", "--port"},
                new String[]{"server", "--no-token", "--bogus"},
                new String[]{"server", "--no-tok"},
                new String[]{"server", "--no-token=true"},
                new String[]{"server", "--no-token", "-p0"},
                new String[]{"server", "-n", "-t", "x"},
                new String[]{"server", "-nC"},
                new String[]{"server", "--no-token", "--token", "-x"},
                new String[]{"server", "@args.txt"},
                new String[]{"server", "--no-token", "--host", "@hosts"},
                new String[]{"server", "--no-token", "--max-session-age", "0"},
                new String[]{"server", "--no-token", "--max-session-age", "1w"},
                new String[]{"server", "--no-token", "--max-disk", "lots"},
                new String[]{"server", "--no-token", "--max-disk", "0"},
                new String[]{"server", "--no-token", "--", "x"});
        for (String[] args : lines) {
            assertThat(FastServerArgs.parse(args, NO_ENV)).as(String.join(" ", args)).isNull();
        }
    }

    @Test
    void itKnowsEveryOptionOfTheServerCommand() {
        CommandLine server = SandboxDaemonCommand.newCommandLine().getSubcommands().get("server");
        Set<String> names = new HashSet<>();
        for (CommandLine.Model.OptionSpec o : server.getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                names.addAll(List.of(o.names()));
            }
        }
        // A new server option must be taught to FastServerArgs (else plain starts silently take the slow path).
        assertThat(FastServerArgs.OPTIONS).isEqualTo(names);
    }

    @Test
    void theTurnWatchdogIsOffByDefaultAndRefusesNegativeOrNonNumericTimes() {
        assertThat(picocli("server", "--no-token").options().turnIdleTimeoutMs()).isZero();
        assertThat(FastServerArgs.parse(new String[]{"server", "--no-token"}, NO_ENV).options().turnIdleTimeoutMs()).isZero();
        assertThat(picocli("server", "-n", "--turn-idle-timeout-ms", "1500").options().arguments(false))
                .containsSequence("--turn-idle-timeout-ms", "1500");
        for (String bad : List.of("-5", "soon", "1.5")) {
            assertThatThrownBy(() -> picocli("server", "-n", "--turn-idle-timeout-ms=" + bad))
                    .isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageContaining("--turn-idle-timeout-ms").hasMessageContaining(bad);
        }
    }

    @Test
    void retentionLimitsAreReadWithTheirUnitsAndBadOnesAreExplained() {
        Server.Launch launch = picocli("server", "-n", "--max-session-age", "12h", "--max-disk", "2G");
        assertThat(launch.retention()).isEqualTo(new Retention(Duration.ofHours(12), 2L << 30));
        assertThat(picocli("server", "-n").retention()).isEqualTo(Retention.NONE);
        assertThat(picocli("server", "-n", "--max-session-age=30m").retention().maxAge()).isEqualTo(Duration.ofMinutes(30));
        assertThat(picocli("server", "-n", "--max-disk=64k").retention().maxBytes()).isEqualTo(65_536);
        for (String[] bad : List.of(new String[]{"--max-session-age", "0"}, new String[]{"--max-session-age", "soon"},
                new String[]{"--max-disk", "-1"}, new String[]{"--max-disk", "1.5G"})) {
            assertThatThrownBy(() -> picocli("server", "-n", bad[0] + "=" + bad[1]))
                    .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining(bad[1]);
        }
    }

    @Test
    void relativePluginDirsAreMadeAbsolute() {
        Server.Launch fast = FastServerArgs.parse(new String[]{"server", "--no-token", "--plugin-dir", "p"}, NO_ENV);
        assertThat(fast.pluginDirs()).containsExactly(Path.of("p").toAbsolutePath());
    }
}
