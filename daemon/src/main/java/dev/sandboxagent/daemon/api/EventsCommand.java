package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code api sessions events}: GET /v1/sessions/{id}/events. */
@Command(name = "events", description = {"Prints a page of a session's events, those with sequence > offset, oldest first, "
        + "and hasMore (GET /v1/sessions/{id}/events)."},
        footer = {"  sandbox-daemon api sessions events demo",
                "  sandbox-daemon api sessions events demo -o 0 -l 2",
                "  sandbox-daemon api sessions events demo --offset 10 --limit 50 \\",
                "      | jq -c '.events[] | [.sequence, .type]'"})
final class EventsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION_ID", description = "The session.")
    String sessionId;

    @Option(names = {"-o", "--offset"}, paramLabel = "N", description = "Only events with sequence > N (default: 0, all).")
    Long offset;

    @Option(names = {"-l", "--limit"}, paramLabel = "N", description = "At most N events.")
    Long limit;

    @Option(names = "--include-raw", description = "Include each event's raw agent message.")
    boolean includeRaw;

    @Mixin
    ApiOptions api;

    @Override
    public void run() {
        Output.json(spec, api.client().get("/v1/sessions/" + ApiClient.segment(sessionId) + "/events"
                + Query.of().add("offset", offset).add("limit", limit).flag("include_raw", includeRaw)));
    }
}
