package dev.sandboxagent.http;

import dev.sandboxagent.core.port.EngineObserver;
import dev.sandboxagent.core.process.ProcessObserver;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;

/**
 * The daemon's metrics: one Prometheus registry (Micrometer) holding the engine's and agent
 * processes' meters ({@link #engineObserver()}, {@link #processObserver()}), the HTTP requests',
 * the SSE followers' and the JVM's. Served by {@code GET /metrics} and {@code /v1/metrics} in the
 * Prometheus text format, or OpenMetrics when the client's {@code Accept} asks for it.
 * {@code publicScrape} serves them without the token ({@code --metrics-public}).
 */
public final class DaemonMetrics implements AutoCloseable {

    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Duration[] HTTP_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final EngineMetrics engine = new EngineMetrics(registry);
    private final boolean publicScrape;
    private JvmGcMetrics gc; // with the other JVM meters, at the first scrape

    public DaemonMetrics(boolean publicScrape) {
        this.publicScrape = publicScrape;
        registry.gauge("sandbox.sse.followers", SseStreamer.FOLLOWERS);
    }

    /**
     * The JVM's meters, bound at the first scrape rather than at start: binding them starts the
     * JVM's management beans and GC notifications, ~10 % of the daemon's start-up (issue #15).
     * GC pauses are counted from then on; a scraper sees every pause after its first scrape.
     */
    private synchronized void bindJvmMeters() {
        if (gc != null) {
            return;
        }
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public EngineObserver engineObserver() {
        return engine;
    }

    public ProcessObserver processObserver() {
        return engine;
    }

    boolean publicScrape() {
        return publicScrape;
    }

    /** One HTTP request: {@code route} is the matched route template, never the concrete path. */
    void httpRequest(String method, String route, int status, long nanos) {
        Timer.builder("sandbox.http.requests").tags("method", method, "route", route, "status", status / 100 + "xx")
                .serviceLevelObjectives(HTTP_BUCKETS).register(registry).record(Duration.ofNanos(nanos));
    }

    /** The content type answering {@code accept}: OpenMetrics when asked for, else Prometheus text. */
    static String contentType(String accept) {
        return accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : PROMETHEUS_TEXT;
    }

    /** The scrape in the format {@link #contentType(String)} names. */
    String scrape(String contentType) {
        bindJvmMeters();
        return registry.scrape(contentType);
    }

    @Override
    public synchronized void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
