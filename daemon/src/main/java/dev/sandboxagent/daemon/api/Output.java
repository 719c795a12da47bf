package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** What an {@code api} call prints: the JSON body as the daemon sent it, one line; nothing for 204. */
final class Output {

    private Output() {
    }

    static void json(CommandSpec spec, String body) {
        if (body == null || body.isBlank()) {
            return;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(body.strip());
        out.flush();
    }

    /** Prints each streamed event as it arrives. */
    static java.util.function.Consumer<String> lines(CommandSpec spec) {
        PrintWriter out = spec.commandLine().getOut();
        return data -> {
            out.println(data);
            out.flush();
        };
    }
}
