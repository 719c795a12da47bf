package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code api sessions events-sse}: GET /v1/sessions/{id}/events/sse. The daemon keeps such a
 * stream open after the session's end; a command line wants to end there, so this asks for
 * {@code close_at_end=true} unless {@code --keep-open}. (The seed's CLI read the whole response
 * before printing it, so against its own daemon it printed nothing and never ended.)
 */
@Command(name = "events-sse", description = {"Follows a session's events live, one JSON per line: those after the offset first, "
        + "then new ones as they happen (GET /v1/sessions/{id}/events/sse). Ends when the session has ended (unless --keep-open), or with Ctrl-C.",
        "To resume, pass the last printed event's sequence as --offset."},
        footer = {"  sandbox-daemon api sessions events-sse demo",
                "  sandbox-daemon api sessions events-sse demo --offset 42 \\",
                "      | jq -c '[.sequence, .type]'"})
final class EventsSseCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION_ID", description = "The session.")
    String sessionId;

    @Option(names = {"-o", "--offset"}, paramLabel = "N", description = "Start after the event with sequence N (default: 0, from the start).")
    Long offset;

    @Option(names = "--include-raw", description = "Include each event's raw agent message.")
    boolean includeRaw;

    @Option(names = "--keep-open", description = "Go on after the session's end: a continuation's events "
            + "(a message posted to the ended session) are printed too; ends with Ctrl-C or the session's deletion.")
    boolean keepOpen;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        api.client().stream("/v1/sessions/" + ApiClient.segment(sessionId) + "/events/sse"
                + Query.of().add("offset", offset).flag("include_raw", includeRaw)
                .flag("close_at_end", !keepOpen), null, Output.lines(spec));
    }
}
