package dev.sandboxagent.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The daemon could not be reached, or the connection to it broke before it answered: nothing
 * about the request is known. Distinct from {@link dev.sandboxagent.core.error.SandboxException},
 * which is always the daemon's own answer.
 */
public final class DaemonUnreachableException extends UncheckedIOException {

    private final URI endpoint;

    public DaemonUnreachableException(URI endpoint, String what, IOException cause) {
        super("cannot reach the sandbox daemon at " + endpoint + " (" + what + "): "
                + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName())
                + "; is it running, and is the address right?", cause);
        this.endpoint = endpoint;
    }

    /** The daemon's address as given to {@link SandboxClient}. */
    public URI endpoint() {
        return endpoint;
    }
}
