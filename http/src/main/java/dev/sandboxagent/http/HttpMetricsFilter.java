package dev.sandboxagent.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Times every request and counts it by method, route template (Helidon's matching pattern, so
 * {@code /v1/sessions/{session_id}}, never a session id) and status class. Runs first, so refused
 * requests (401, 404) are counted too. An SSE stream is timed until it closes.
 */
final class HttpMetricsFilter implements Filter {

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
            metrics.httpRequest(req.prologue().method().text(), req.matchingPattern().orElse("unmatched"),
                    res.status().code(), System.nanoTime() - start);
        }
    }
}
