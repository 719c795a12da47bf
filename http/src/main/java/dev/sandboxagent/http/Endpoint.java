package dev.sandboxagent.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;

/** One route of the API: method, path below its resource's prefix, handler. */
public record Endpoint(Method method, String path, Handler handler) {
}
