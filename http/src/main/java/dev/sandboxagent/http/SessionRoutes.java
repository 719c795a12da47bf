package dev.sandboxagent.http;

import dev.sandboxagent.core.port.SessionService;

/** A route group under /v1/sessions, served by the session port. */
abstract class SessionRoutes implements ApiResource {

    protected final SessionService sessions;

    SessionRoutes(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public final String prefix() {
        return "/v1/sessions";
    }
}
