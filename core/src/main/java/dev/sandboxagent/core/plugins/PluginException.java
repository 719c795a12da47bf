package dev.sandboxagent.core.plugins;

/** A plugin folder or jar that cannot be used; the daemon (or embedded engine) does not start with it. */
public final class PluginException extends RuntimeException {

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
