package dev.sandboxagent.daemon.background;

import dev.sandboxagent.daemon.DaemonVersion;
import dev.sandboxagent.daemon.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code sandbox-daemon daemon start|stop|status}: the server in the background. */
@Command(name = "daemon", mixinStandardHelpOptions = true, versionProvider = DaemonVersion.class,
        description = {"Runs the server in the background: 'start' launches it detached and waits until it answers, "
                + "'status' tells whether it runs, 'stop' ends it.",
                "Its files live in the data directory: daemon.pid, daemon.version, daemon.url and daemon.log "
                        + "(the previous run's log is kept as daemon.log.1)."},
        subcommands = {DaemonStartCommand.class, DaemonStatusCommand.class, DaemonStopCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  sandbox-daemon daemon start --token \"$SANDBOX_TOKEN\" --port 2468",
                "  sandbox-daemon daemon status",
                "  sandbox-daemon daemon stop"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, "1:start: the daemon did not start; stop: it could not be stopped.",
                ExitCodes.USAGE_LINE, "3:status: no daemon is running."})
public final class DaemonCommand {
}
