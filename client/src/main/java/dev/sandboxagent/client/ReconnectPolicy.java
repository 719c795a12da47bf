package dev.sandboxagent.client;

import java.time.Duration;

/**
 * How an event stream reconnects after its connection broke: up to {@code maxAttempts} attempts
 * in a row (reset by every event received), waiting {@code initialDelay} before the first and
 * doubling up to {@code maxDelay}. Each reconnection resumes after the last event received
 * ({@code Last-Event-ID}), so no event is lost or repeated.
 */
public record ReconnectPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public ReconnectPolicy {
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be >= 0");
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
        }
    }

    /** 10 attempts in a row, from 50 ms up to 2 s apart. */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(10, Duration.ofMillis(50), Duration.ofSeconds(2));
    }

    /** Never reconnect: a broken connection ends the stream with {@link DaemonUnreachableException}. */
    public static ReconnectPolicy never() {
        return new ReconnectPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    /** The wait before attempt {@code attempt} (1-based). */
    Duration delay(int attempt) {
        long ms = initialDelay.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
    }
}
