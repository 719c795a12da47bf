package dev.sandboxagent.daemon.api;

import dev.sandboxagent.daemon.cli.CliFailure;
import dev.sandboxagent.daemon.cli.ExitCodes;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The daemon's HTTP API for the {@code api} commands, on the JDK's HttpClient. A problem
 * response becomes a {@link CliFailure} with the problem's title and detail (exit 1); a daemon
 * that cannot be reached one with exit code 3.
 */
final class ApiClient {

    private final String base;
    private final String token;
    private final HttpClient http;

    ApiClient(String endpoint, String token) {
        String e = endpoint.strip();
        while (e.endsWith("/")) {
            e = e.substring(0, e.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(e);
        } catch (IllegalArgumentException ex) {
            throw new CliFailure(ExitCodes.USAGE, "invalid --endpoint '" + endpoint + "': " + ex.getMessage(), ex);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new CliFailure(ExitCodes.USAGE, "invalid --endpoint '" + endpoint + "': expected http://HOST:PORT", null);
        }
        this.base = e;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A path segment with everything but unreserved characters percent-encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String get(String path) {
        return send(request(path).GET().build());
    }

    String post(String path, JsonObject body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build());
    }

    String delete(String path) {
        return send(request(path).DELETE().build());
    }

    /** GET (body null) or POST a request answered with server-sent events; each event's data goes to {@code onEvent}. */
    void stream(String path, JsonObject body, Consumer<String> onEvent) {
        HttpRequest.Builder b = request(path).header("Accept", "text/event-stream");
        if (body == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<Stream<String>> res = call(b.build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = res.body()) {
            if (res.statusCode() >= 300) {
                throw Problem.failure(res.statusCode(), lines.collect(Collectors.joining("\n")));
            }
            SseParser parser = new SseParser(onEvent);
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                parser.line(it.next());
            }
            parser.end();
        } catch (java.io.UncheckedIOException e) {
            throw new CliFailure(ExitCodes.FAILED, "the event stream from " + base + path + " broke off: "
                    + e.getCause().getMessage(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(base + path));
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, "invalid request URL " + base + path + ": " + e.getMessage(), e);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private String send(HttpRequest request) {
        HttpResponse<String> res = call(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (res.statusCode() >= 300) {
            throw Problem.failure(res.statusCode(), res.body());
        }
        return res.body();
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliFailure(ExitCodes.NOT_RUNNING, "cannot reach the daemon at " + base + " ("
                    + (e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage())
                    + "); is it running? Check 'sandbox-daemon daemon status', --endpoint or $SANDBOX_ENDPOINT", e);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILED, request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.FAILED, "interrupted", e);
        }
    }
}
