package dev.sandboxagent.daemon.cli;

import java.util.regex.Pattern;

/** Quotes a value for a POSIX shell: as is when that is safe, else in single quotes. */
final class ShellQuote {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    static String quote(String value) {
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
