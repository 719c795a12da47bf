package dev.sandboxagent.core.port;

import dev.sandboxagent.core.error.SandboxException;

import java.util.regex.Pattern;

/**
 * What a session id may look like: it appears in URLs, file names and logs. Part of the port's
 * contract, so that every implementation (the engine, the HTTP client) refuses the same ids.
 */
public final class SessionIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private SessionIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** Refuses an id a new session cannot have (invalid_request). */
    public static void validate(String id) {
        if (!isValid(id)) {
            throw SandboxException.invalid("session id must be 1-128 characters of letters, digits, '.', '_', ':'"
                    + " or '-', starting with a letter or digit");
        }
    }
}
