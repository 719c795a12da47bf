package dev.sandboxagent.http;

import dev.sandboxagent.core.error.ErrorType;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web inspector: static files from the jar under {@code /ui/}, no token needed (the API
 * calls the page makes carry it). Not an {@link ApiResource}: these routes are not part of the
 * API's OpenAPI document. Files are read once and kept, the set is small (about 100 KB).
 */
final class UiResource {

    static final String ROOT = "/dev/sandboxagent/http/ui/";
    /** Names the page is made of: no "..", no hidden files, a known extension. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*\\.(html|js|css|svg|png|ico)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    void register(HttpRouting.Builder routing) {
        routing.get("/ui", (req, res) -> {
            res.status(Status.MOVED_PERMANENTLY_301);
            res.header(HeaderNames.LOCATION, "/ui/" + req.query().rawValue().transform(q -> q.isEmpty() ? "" : "?" + q));
            res.send();
        });
        routing.get("/ui/", (req, res) -> serve("index.html", res));
        routing.get("/ui/{+name}", (req, res) -> serve(req.path().pathParameters().get("name"), res));
    }

    private void serve(String name, ServerResponse res) {
        byte[] body = NAME.matcher(name).matches() ? cache.computeIfAbsent(name, UiResource::load) : null;
        if (body == null || body.length == 0) {
            cache.remove(name);
            Problems.send(res, ErrorType.INVALID_REQUEST, 404, "no inspector file '" + name + "'");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header("X-Content-Type-Options", "nosniff");
        // the page loads only its own files and talks to daemons (fetch); it runs no inline script
        res.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data: blob: http: https:; connect-src *; object-src 'none'; base-uri 'none'");
        res.send(body);
    }

    /** The file's bytes, or an empty array when there is no such file (not cached: see serve). */
    private static byte[] load(String name) {
        try (InputStream in = UiResource.class.getResourceAsStream(ROOT + name)) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
