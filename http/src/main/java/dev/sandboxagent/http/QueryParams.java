package dev.sandboxagent.http;

import dev.sandboxagent.core.error.SandboxException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.util.Locale;
import java.util.Optional;

/** Typed, validated query parameters and path parameters. */
final class QueryParams {

    private static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");

    private QueryParams() {
    }

    static String path(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional();
    }

    static long nonNegativeLong(ServerRequest req, String name, long fallback) {
        Optional<String> v = query(req, name);
        if (v.isEmpty() || v.get().isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.get().trim());
            if (n < 0) {
                throw SandboxException.invalid("query parameter '" + name + "' must be >= 0");
            }
            return n;
        } catch (NumberFormatException e) {
            throw SandboxException.invalid("query parameter '" + name + "' must be a whole number, not '"
                    + v.get() + "'");
        }
    }

    static boolean bool(ServerRequest req, String name) {
        Optional<String> v = query(req, name);
        if (v.isEmpty()) {
            return false;
        }
        return switch (v.get().trim().toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw SandboxException.invalid("query parameter '" + name + "' must be true or false");
        };
    }

    /** Where an SSE client resumes: Last-Event-ID wins over the offset parameter. */
    static long resumeOffset(ServerRequest req) {
        Optional<String> last = req.headers().first(LAST_EVENT_ID);
        if (last.isPresent() && !last.get().isBlank()) {
            try {
                long n = Long.parseLong(last.get().trim());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
            throw SandboxException.invalid("Last-Event-ID must be the sequence of an event, not '" + last.get() + "'");
        }
        return nonNegativeLong(req, "offset", 0);
    }
}
