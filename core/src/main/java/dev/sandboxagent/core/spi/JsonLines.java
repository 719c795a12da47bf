package dev.sandboxagent.core.spi;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonObject;

/** For agents that print one JSON object a line: how each stdout line reaches the adapter's translation. */
public final class JsonLines {

    /** The translation of one parsed line ({@code line} is its text, for unparsed reports). */
    @FunctionalInterface
    public interface Handler {
        void accept(JsonObject message, String line);
    }

    private JsonLines() {
    }

    /**
     * Parses {@code line} and hands it to {@code handler}. Blank lines are skipped; a line that is
     * not a JSON object, or that the handler fails on, is reported to {@code sink} as unparsed, so
     * that a translator never throws.
     */
    public static void translate(String line, AgentEventSink sink, Handler handler) {
        if (line.isBlank()) {
            return;
        }
        JsonObject o = Jsons.parseLine(line); // its raw payload prints as the line itself, not encoded again
        if (o == null) {
            sink.unparsed("not a JSON object", "stdout", line);
            return;
        }
        try {
            handler.accept(o, line);
        } catch (RuntimeException e) {
            sink.unparsed("cannot translate: " + e, "stdout", line);
        }
    }
}
