package dev.sandboxagent.daemon.api;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.daemon.cli.CliFailure;
import dev.sandboxagent.daemon.cli.ExitCodes;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;

/** Turns an API error response (RFC 7807 problem+json) into the one line a failed call prints. */
final class Problem {

    private Problem() {
    }

    static CliFailure failure(int status, String body) {
        return new CliFailure(ExitCodes.FAILED, describe(status, body), null);
    }

    /** "Title (status): detail", or the start of a body that is not a problem. */
    static String describe(int status, String body) {
        try (JsonReader reader = Jsons.JSON.createReader(new StringReader(body == null ? "" : body))) {
            JsonObject problem = reader.readObject();
            String title = problem.getString("title", null);
            if (title != null) {
                String detail = problem.getString("detail", null);
                return title + " (" + status + ")" + (detail == null ? "" : ": " + detail);
            }
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            // not a problem document: show what came
        }
        String text = body == null ? "" : body.strip();
        if (text.length() > 300) {
            text = text.substring(0, 300) + "...";
        }
        return "HTTP " + status + (text.isEmpty() ? "" : ": " + text);
    }
}
