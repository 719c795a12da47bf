package dev.sandboxagent.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Help, version and usage errors of the packaged command, as a user at a shell meets them. */
class CliHelpIT {

    @TempDir
    Path work;

    @Test
    void topLevelHelpListsEveryCommandWithExamplesAndExitCodes() throws Exception {
        Cli.Result r = Cli.run(work, Map.of(), "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("Usage: sandbox-daemon", "server", "install-agent", "credentials", "daemon",
                "api", "version", "Exit codes:", "Examples:", "3   No daemon is running");
    }

    @Test
    void subCommandHelp() throws Exception {
        Cli.Result install = Cli.run(work, Map.of(), "install-agent", "--help");
        assertThat(install.exitCode()).isZero();
        assertThat(install.stdout()).contains("--version=V", "--reinstall", "Examples:", "install-agent all",
                "Exit codes:");
        Cli.Result stream = Cli.run(work, Map.of(), "api", "sessions", "send-message-stream", "-h");
        assertThat(stream.exitCode()).isZero();
        assertThat(stream.stdout()).contains("--endpoint=URL", "--token=TOKEN", "Examples:", "Exit codes:");
    }

    @Test
    void versionCommandAndOption() throws Exception {
        Cli.Result option = Cli.run(work, Map.of(), "--version");
        assertThat(option.exitCode()).isZero();
        assertThat(option.stdout().strip()).matches("sandbox-daemon \\d+\\.\\d+\\.\\d+\\S*");
        Cli.Result command = Cli.run(work, Map.of(), "version");
        assertThat(command.exitCode()).isZero();
        assertThat(command.stdoutLines().getFirst()).isEqualTo(option.stdout().strip());
        assertThat(command.stdoutLines().get(1)).startsWith("java ");
        assertThat(Cli.run(work, Map.of(), "daemon", "status", "--version").stdout()).isEqualTo(option.stdout());
    }

    @Test
    void usageErrorsExitWith2() throws Exception {
        Cli.Result unknown = Cli.run(work, Map.of(), "no-such-command");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("Unmatched argument", "Usage: sandbox-daemon");
        Cli.Result none = Cli.run(work, Map.of());
        assertThat(none.exitCode()).isEqualTo(2);
        Cli.Result allWithVersion = Cli.run(work, Map.of(), "install-agent", "all", "--version", "1.0.0",
                "--data-dir", work.resolve("data").toString());
        assertThat(allWithVersion.exitCode()).isEqualTo(2);
        assertThat(allWithVersion.stderr()).contains("--version applies to one agent, not to 'all'");
    }
}
