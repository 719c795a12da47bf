package dev.sandboxagent.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Optional;

/** Answers CORS preflights and adds CORS headers for allowed origins; runs before auth. */
final class CorsFilter implements Filter {

    private final CorsSettings settings;

    CorsFilter(CorsSettings settings) {
        this.settings = settings;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (!settings.enabled() || origin.isEmpty() || !settings.allows(origin.get())) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin.get());
        res.header(HeaderNames.VARY, "Origin");
        if (settings.allowCredentials()) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        }
        boolean preflight = req.prologue().method() == Method.OPTIONS
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (preflight) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, String.join(", ", settings.allowMethods()));
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, String.join(", ", settings.allowHeaders()));
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            res.status(Status.NO_CONTENT_204);
            res.send();
            return;
        }
        chain.proceed();
    }
}
