package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.core.json.Jsons;

/**
 * The RPC commands the adapter writes to pi's stdin, one JSON object a line. Each carries an
 * {@code id} that pi repeats in its {@code response}; the prefixes tell the translator what a
 * response answers.
 */
final class PiCommands {

    /** The get_state sent at start: its response names pi's session. */
    static final String STATE_ID = "state";
    static final String PROMPT_PREFIX = "prompt-";
    static final String TURN_END_PREFIX = "turn-end-";
    static final String ABORT_PREFIX = "abort-";

    private PiCommands() {
    }

    static String getState(String id) {
        return Jsons.print(line(id, "get_state").build());
    }

    static String prompt(String id, String message) {
        return Jsons.print(line(id, "prompt").add("message", message).build());
    }

    static String abort(String id) {
        return Jsons.print(line(id, "abort").build());
    }

    /** Dismisses a dialog an extension opened ({@code extension_ui_request}): nobody is there to answer it. */
    static String cancelDialog(String requestId) {
        return Jsons.print(Jsons.JSON.createObjectBuilder().add("type", "extension_ui_response").add("id", requestId)
                .add("cancelled", true).build());
    }

    private static jakarta.json.JsonObjectBuilder line(String id, String type) {
        return Jsons.JSON.createObjectBuilder().add("id", id).add("type", type);
    }
}
