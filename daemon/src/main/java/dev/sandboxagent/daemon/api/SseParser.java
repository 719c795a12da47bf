package dev.sandboxagent.daemon.api;

import java.util.function.Consumer;

/**
 * Reads a server-sent-event stream line by line and hands each event's data on: {@code data:}
 * lines are joined until a blank line ends the event; comments, {@code id:}, {@code event:} and
 * {@code retry:} lines are skipped.
 */
final class SseParser {

    private final Consumer<String> onData;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    SseParser(Consumer<String> onData) {
        this.onData = onData;
    }

    void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        if (!field.equals("data")) {
            return;
        }
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(value);
        hasData = true;
    }

    /** The stream ended: an event without its closing blank line is still handed on. */
    void end() {
        dispatch();
    }

    private void dispatch() {
        if (hasData) {
            onData.accept(data.toString());
        }
        data.setLength(0);
        hasData = false;
    }
}
