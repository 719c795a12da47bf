package dev.sandboxagent.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Times every request and counts it by method, route template (Helidon's matching pattern, so
 * {@code /v1/sessions/{session_id}}, never a session id) and status class. Runs first, so refused
 * requests (401, 404) are counted too. An SSE stream is timed until it closes. A 5xx answer is
 * also one log line (method, route, status; never headers, so never the token).
 */
final class HttpMetricsFilter implements Filter {

    private static final System.Logger LOG = System.getLogger(HttpMetricsFilter.class.getName());

    private final DaemonMetrics metrics;

    HttpMetricsFilter(DaemonMetrics metrics) {
        this.metrics = metrics;
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
            metrics.httpRequest(method, route, status, System.nanoTime() - start);
            if (status >= 500) {
                LOG.log(System.Logger.Level.WARNING, "{0} {1} answered {2}", method, route, Integer.toString(status));
            }
        }
    }
}
