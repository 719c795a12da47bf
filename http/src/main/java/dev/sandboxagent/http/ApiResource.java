package dev.sandboxagent.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.util.List;

/**
 * An {@link HttpService} that lists its routes as data, so that the server can check them
 * against its OpenAPI document (see the OpenAPI coverage test) and nothing is served unlisted.
 */
public interface ApiResource extends HttpService {

    /** The path prefix the resource is registered under, e.g. "/v1/sessions". */
    String prefix();

    List<Endpoint> endpoints();

    @Override
    default void routing(HttpRules rules) {
        for (Endpoint e : endpoints()) {
            rules.route(e.method(), e.path(), e.handler());
        }
    }

    /** The full path template of an endpoint, as OpenAPI writes it. */
    default String fullPath(Endpoint e) {
        return "/".equals(e.path()) ? (prefix().isEmpty() ? "/" : prefix()) : prefix() + e.path();
    }
}
