package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.error.SandboxException;

import java.util.regex.Pattern;

/** What a session id may look like: it appears in URLs, file names and logs. */
final class SessionIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private SessionIds() {
    }

    static void validate(String id) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw SandboxException.invalid("session id must be 1-128 characters of letters, digits, '.', '_', ':'"
                    + " or '-', starting with a letter or digit");
        }
    }
}
