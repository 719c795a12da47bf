package dev.sandboxagent.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

/**
 * Times every request and counts it by method, route template (Helidon's matching pattern, so
 * {@code /v1/sessions/{session_id}}, never a session id) and status class. Runs first, so refused
 * requests (401, 404) are counted too. A streaming response (SSE) is timed to its first byte,
 * when its head went out (see {@link #firstByteSent}), not until it closes: a stream open for an
 * hour would otherwise swamp the histogram. A 5xx answer is also one log line (method, route,
 * status; never headers, so never the token).
 */
final class HttpMetricsFilter implements Filter {

    private static final System.Logger LOG = System.getLogger(HttpMetricsFilter.class.getName());

    private static final String FIRST_BYTE = HttpMetricsFilter.class.getName() + ".firstByte";

    private final DaemonMetrics metrics;

    HttpMetricsFilter(DaemonMetrics metrics) {
        this.metrics = metrics;
    }

    /** A streaming handler sent its response head: the request's latency ends now. */
    static void firstByteSent(ServerRequest req) {
        req.context().register(FIRST_BYTE, System.nanoTime());
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        try {
            chain.proceed();
        } finally {
            String method = req.prologue().method().text();
            String route = req.matchingPattern().orElse("unmatched");
            int status = res.status().code();
            long end = req.context().get(FIRST_BYTE, Long.class).orElseGet(System::nanoTime);
            metrics.httpRequest(method, route, status, end - start);
            if (status >= 500) {
                LOG.log(System.Logger.Level.WARNING, "{0} {1} answered {2}", method, route, Integer.toString(status));
            }
        }
    }
}
