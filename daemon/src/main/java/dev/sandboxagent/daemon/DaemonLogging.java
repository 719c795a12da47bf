package dev.sandboxagent.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.LogManager;

/** Loads the daemon's JUL settings: our own messages at INFO, the frameworks' only when they warn. */
final class DaemonLogging {

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
}
