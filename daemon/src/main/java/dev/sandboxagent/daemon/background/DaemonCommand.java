package dev.sandboxagent.daemon.background;

import dev.sandboxagent.daemon.DaemonVersion;
import dev.sandboxagent.daemon.cli.ExitCodes;
import picocli.CommandLine.Command;

/** {@code sandbox-daemon daemon start|stop|status}: the server in the background. */
@Command(name = "daemon", mixinStandardHelpOptions = true, versionProvider = DaemonVersion.class,
        description = {"Runs the server in the background: 'start' launches it detached and waits until it answers, "
                + "'status' tells whether it runs, 'stop' ends it.",
                "A daemon is known by its endpoint (--host, --port), so several can run side by side. Its files live in "
                        + "the data directory: daemon-HOST-PORT.pid, .version, .url and .log "
                        + "(the previous run's log is kept as .log.1)."},
        subcommands = {DaemonStartCommand.class, DaemonStatusCommand.class, DaemonStopCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  sandbox-daemon daemon start --token \"$SANDBOX_TOKEN\" --port 2468",
                "  sandbox-daemon daemon start -n -H 127.0.0.1 -p 2491",
                "  sandbox-daemon daemon status -p 2491",
                "  sandbox-daemon daemon stop -p 2491"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, "1:start: the daemon did not start; stop: it could not be stopped.",
                ExitCodes.USAGE_LINE, "3:status: no daemon is running."})
public final class DaemonCommand {
}
