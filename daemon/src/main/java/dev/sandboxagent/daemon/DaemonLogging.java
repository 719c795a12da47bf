package dev.sandboxagent.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Loads the daemon's JUL settings: our own messages at INFO, the frameworks' only when they
 * warn. Commands other than the server are quieter (warnings only), so that their stderr
 * carries just what went wrong.
 */
final class DaemonLogging {

    // JUL keeps loggers weakly: hold the one whose level we change.
    private static Logger ours;

    private DaemonLogging() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return; // the operator chose their own
        }
        try (InputStream in = DaemonLogging.class.getResourceAsStream("/sandbox-daemon-logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For one-shot commands: only warnings and errors. */
    static void quiet() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        ours = Logger.getLogger("dev.sandboxagent");
        ours.setLevel(Level.WARNING);
    }
}
