package dev.sandboxagent.http;

import java.util.List;

/**
 * Which browser origins may call the API. Empty origins: no CORS headers at all. An origin
 * "*" allows any origin (echoed back, so it also works with credentials).
 */
public record CorsSettings(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                           boolean allowCredentials) {

    public CorsSettings {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = allowMethods.isEmpty() ? List.of("GET", "POST", "PUT", "DELETE", "OPTIONS")
                : List.copyOf(allowMethods);
        allowHeaders = allowHeaders.isEmpty() ? List.of("Authorization", "Content-Type", "Last-Event-ID")
                : List.copyOf(allowHeaders);
    }

    public static CorsSettings none() {
        return new CorsSettings(List.of(), List.of(), List.of(), false);
    }

    boolean enabled() {
        return !allowOrigins.isEmpty();
    }

    boolean allows(String origin) {
        return allowOrigins.contains("*") || allowOrigins.contains(origin);
    }
}
