package dev.sandboxagent.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

/** {@code GET /metrics} (the Prometheus convention) and {@code GET /v1/metrics}: a scrape of {@link DaemonMetrics}. */
final class MetricsResource implements ApiResource {

    private final DaemonMetrics metrics;

    MetricsResource(DaemonMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String prefix() {
        return "";
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint(Method.GET, "/metrics", this::scrape),
                new Endpoint(Method.GET, "/v1/metrics", this::scrape));
    }

    private void scrape(ServerRequest req, ServerResponse res) {
        String type = DaemonMetrics.contentType(req.headers().first(HeaderNames.ACCEPT).orElse(null));
        res.header(HeaderNames.CONTENT_TYPE, type);
        res.send(metrics.scrape(type));
    }
}
