package dev.sandboxagent.daemon.api;

import dev.sandboxagent.daemon.DaemonVersion;
import dev.sandboxagent.daemon.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * {@code sandbox-daemon api}: the HTTP API from a shell. Help options, version, exit codes
 * and the examples heading are inherited by every {@code api} sub-command.
 */
@Command(name = "api", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = DaemonVersion.class,
        description = {"Calls a running daemon's HTTP API from a shell: one sub-command per route, JSON on stdout "
                + "(as the daemon sent it, one line; nothing for calls answered with 204 No Content), "
                + "streamed calls print one event JSON per line as events arrive.",
                "Every call takes --endpoint (default $SANDBOX_ENDPOINT, else http://127.0.0.1:2468) and --token "
                        + "(default $SANDBOX_TOKEN). A failed call prints the problem's title and detail on stderr."},
        subcommands = {AgentsCommand.class, SessionsCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  export SANDBOX_ENDPOINT=http://127.0.0.1:2468 SANDBOX_TOKEN=change-me",
                "  sandbox-daemon api agents list | jq '.agents[].id'",
                "  sandbox-daemon api sessions create demo --agent mock",
                "  sandbox-daemon api sessions send-message-stream demo -m 'stream hello there'"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ApiCommand.API_FAILED_LINE, ExitCodes.USAGE_LINE, ExitCodes.UNREACHABLE_LINE})
public final class ApiCommand {

    static final String API_FAILED_LINE = "1:The daemon answered with an error: its title and detail are printed on stderr.";
}
