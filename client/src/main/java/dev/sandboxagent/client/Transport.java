package dev.sandboxagent.client;

import dev.sandboxagent.core.error.SandboxException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP plumbing every remote port shares: one {@link HttpClient}, the daemon's address, the
 * token and extra headers on every request, and the two ways an answer can fail: the daemon's
 * problem+json (a {@link SandboxException}) or no answer at all ({@link DaemonUnreachableException}).
 */
final class Transport implements AutoCloseable {

    private final URI endpoint;
    private final String base; // the endpoint without a trailing slash
    private final HttpClient http;
    private final Map<String, String> headers;
    private final Duration requestTimeout;
    private final ReconnectPolicy reconnect;
    /** The event streams still open: closing the client closes them. */
    private final Set<AutoCloseable> streams = ConcurrentHashMap.newKeySet();

    Transport(URI endpoint, HttpClient http, Map<String, String> headers, Duration requestTimeout,
              ReconnectPolicy reconnect) {
        this.endpoint = endpoint;
        String s = endpoint.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        this.http = http;
        this.headers = Map.copyOf(headers);
        this.requestTimeout = requestTimeout;
        this.reconnect = reconnect;
    }

    URI endpoint() {
        return endpoint;
    }

    ReconnectPolicy reconnect() {
        return reconnect;
    }

    /** A request for {@code path} (starting with {@code /v1/}) with the token, the extra headers and the timeout. */
    HttpRequest.Builder request(String path) {
        return stream(path).timeout(requestTimeout);
    }

    /** Like {@link #request} but without a time limit for the whole answer: for event streams and file bodies. */
    HttpRequest.Builder stream(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        headers.forEach(b::header);
        return b;
    }

    static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8);
    }

    /** Sends {@code request} and returns the body of its 2xx answer as text. */
    String call(HttpRequest request) {
        return exchange(request).body();
    }

    /** Sends {@code request} and returns its 2xx answer (headers and text body). */
    HttpResponse<String> exchange(HttpRequest request) {
        HttpResponse<String> res = send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (res.statusCode() / 100 != 2) {
            throw problem(res, res.body());
        }
        return res;
    }

    /** Sends {@code request} and returns its 2xx answer with the body still to read; the caller closes it. */
    HttpResponse<InputStream> open(HttpRequest request) {
        HttpResponse<InputStream> res = send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (res.statusCode() / 100 != 2) {
            String body;
            try (InputStream in = res.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw problem(res, body);
        }
        return res;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpTimeoutException e) {
            throw new DaemonUnreachableException(endpoint, "no answer to " + request.method() + " "
                    + request.uri().getRawPath() + " within " + request.timeout().orElse(requestTimeout), e);
        } catch (IOException e) {
            throw new DaemonUnreachableException(endpoint, request.method() + " " + request.uri().getRawPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonUnreachableException(endpoint, "interrupted while waiting for "
                    + request.uri().getRawPath(), new java.io.InterruptedIOException(e.getMessage()));
        }
    }

    private static SandboxException problem(HttpResponse<?> res, String body) {
        return ProblemDecoder.decode(res.statusCode(), res.headers().firstValue("Content-Type").orElse(null), body);
    }

    /** {@code s} as one path segment: every reserved character percent-encoded. */
    static String segment(String s) {
        if (s == null) {
            throw SandboxException.invalid("an id is required");
        }
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ?a=b&c=d} for the non-null values, or "" when there are none. */
    static String query(Object... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                params.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner q = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> q.add(k + "=" + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)));
        return q.toString();
    }

    /** Registers an open stream, closed with the client; the stream calls {@link #closed} when it closes. */
    void opened(AutoCloseable stream) {
        streams.add(stream);
    }

    void closed(AutoCloseable stream) {
        streams.remove(stream);
    }

    @Override
    public void close() {
        for (AutoCloseable s : streams) {
            try {
                s.close();
            } catch (Exception ignored) {
                // closing everything anyway
            }
        }
        http.shutdownNow();
    }
}
