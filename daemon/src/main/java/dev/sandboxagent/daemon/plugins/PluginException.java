package dev.sandboxagent.daemon.plugins;

import dev.sandboxagent.daemon.cli.CliFailure;
import dev.sandboxagent.daemon.cli.ExitCodes;

/** A plugin folder or jar that cannot be used; the daemon does not start with it. */
public final class PluginException extends CliFailure {

    public PluginException(String message, Throwable cause) {
        super(ExitCodes.FAILED, message, cause);
    }
}
