package dev.sandboxagent.http;

import dev.sandboxagent.core.error.ErrorType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer-token check for every route but the public ones. The comparison takes the same time
 * whatever the token's content, and the token is never logged or echoed.
 */
final class AuthFilter implements Filter {

    private static final Set<String> PUBLIC = Set.of("/", "/v1/health", "/v1/openapi.json");

    private static final Set<String> METRICS = Set.of("/metrics", "/v1/metrics");

    private final byte[] expected;
    private final boolean metricsPublic;

    /** {@code metricsPublic}: the metrics scrape needs no token either ({@code --metrics-public}). */
    AuthFilter(String token, boolean metricsPublic) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.metricsPublic = metricsPublic;
    }

    static boolean isPublic(String path) {
        return PUBLIC.contains(path) || path.equals("/ui") || path.startsWith("/ui/");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (isPublic(path) || metricsPublic && METRICS.contains(path)) {
            chain.proceed();
            return;
        }
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isPresent() && MessageDigest.isEqual(expected, header.get().getBytes(StandardCharsets.UTF_8))) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        Problems.send(res, ErrorType.TOKEN_INVALID, 401, header.isPresent()
                ? "the bearer token is not valid" : "this route needs an 'Authorization: Bearer <token>' header");
    }
}
