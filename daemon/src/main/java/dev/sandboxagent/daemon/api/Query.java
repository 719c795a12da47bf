package dev.sandboxagent.daemon.api;

import java.util.StringJoiner;

/** A query string built from the options that were given. */
final class Query {

    private final StringJoiner parts = new StringJoiner("&", "?", "").setEmptyValue("");

    static Query of() {
        return new Query();
    }

    Query add(String name, Long value) {
        if (value != null) {
            parts.add(name + "=" + value);
        }
        return this;
    }

    Query flag(String name, boolean on) {
        if (on) {
            parts.add(name + "=true");
        }
        return this;
    }

    @Override
    public String toString() {
        return parts.toString();
    }
}
