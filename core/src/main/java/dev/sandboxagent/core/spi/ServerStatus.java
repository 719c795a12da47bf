package dev.sandboxagent.core.spi;

/** State of an adapter's shared server process ({@code status}: running, stopped or error). */
public record ServerStatus(String status, String baseUrl, Long uptimeMs, long restartCount, String lastError) {
}
