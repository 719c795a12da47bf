package dev.sandboxagent.daemon.api;

import picocli.CommandLine.Option;

/** {@code --endpoint} and {@code --token} of every {@code api} call, with their environment defaults. */
public final class ApiOptions {

    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:2468";

    @Option(names = {"-e", "--endpoint"}, paramLabel = "URL",
            description = "The daemon's base URL (default: $SANDBOX_ENDPOINT, else " + DEFAULT_ENDPOINT + ").")
    String endpoint;

    @Option(names = {"-t", "--token"}, paramLabel = "TOKEN",
            description = "Bearer token (default: $SANDBOX_TOKEN; none when unset).")
    String token;

    ApiClient client() {
        return new ApiClient(effective(endpoint, "SANDBOX_ENDPOINT", DEFAULT_ENDPOINT),
                effective(token, "SANDBOX_TOKEN", null));
    }

    private static String effective(String given, String env, String fallback) {
        if (given != null) {
            return given;
        }
        String value = System.getenv(env);
        return value != null && !value.isBlank() ? value : fallback;
    }
}
