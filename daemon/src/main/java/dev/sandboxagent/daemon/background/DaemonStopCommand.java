package dev.sandboxagent.daemon.background;

import dev.sandboxagent.daemon.DaemonVersion;
import dev.sandboxagent.daemon.cli.CliFailure;
import dev.sandboxagent.daemon.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code sandbox-daemon daemon stop}: SIGTERM, wait, clean up. */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = DaemonVersion.class,
        description = {"Stops the background daemon of the endpoint (--host, --port; without them, the only one of the "
                + "data directory): SIGTERM (which ends its agent processes), "
                + "waits for it to exit (SIGKILL after --timeout), and removes its pid, version and url files.",
                "Stopping a daemon that does not run is not an error (a stale pid file is removed)."},
        footerHeading = "%nExamples:%n",
        footer = {"  sandbox-daemon daemon stop", "  sandbox-daemon daemon stop -p 2491",
                "  sandbox-daemon daemon stop --data-dir /opt/sandbox-agent --timeout 60"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:The daemon is not running (any more).",
                "1:The daemon could not be stopped, not even with SIGKILL.", ExitCodes.USAGE_LINE})
final class DaemonStopCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DaemonEndpoint endpoint;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait after SIGTERM before SIGKILL (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        DaemonFiles files = endpoint.files();
        PrintWriter out = spec.commandLine().getOut();
        DaemonState state = DaemonState.of(files);
        switch (state) {
            case DaemonState.NotRunning n -> out.println("sandbox-daemon is not running");
            case DaemonState.Stale stale -> {
                files.clear();
                out.println("sandbox-daemon is not running: removed the stale pid file of process " + stale.pidText());
            }
            case DaemonState.Running running -> {
                ProcessHandle process = running.process();
                process.destroy();
                boolean killed = false;
                if (!ProcessLiveness.awaitExit(process, Duration.ofSeconds(timeoutSeconds))) {
                    process.destroyForcibly();
                    killed = true;
                    if (!ProcessLiveness.awaitExit(process, Duration.ofSeconds(10))) {
                        throw new CliFailure("sandbox-daemon (pid " + process.pid() + ") is still running after SIGKILL");
                    }
                }
                files.clear();
                out.println("stopped sandbox-daemon (pid " + process.pid() + ")"
                        + (killed ? " with SIGKILL: it did not exit within " + timeoutSeconds + " s of SIGTERM" : ""));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
