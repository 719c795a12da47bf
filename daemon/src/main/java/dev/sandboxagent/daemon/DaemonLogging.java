package dev.sandboxagent.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Loads the daemon's JUL settings: our own messages at INFO, the frameworks' only when they
 * warn. Commands other than the server are quieter (errors only), so that their stderr
 * carries just what went wrong.
 */
final class DaemonLogging {

    // JUL keeps loggers weakly: hold the one whose level we change.
    private static Logger ours;

    private DaemonLogging() {
    }

    /** {@code --log-format}'s values. */
    static final List<String> FORMATS = List.of("text", "json");
    /** {@code --log-level}'s values, as JUL levels. */
    static final Map<String, Level> LEVELS = orderedLevels();

    private static Map<String, Level> orderedLevels() {
        Map<String, Level> m = new LinkedHashMap<>();
        m.put("error", Level.SEVERE);
        m.put("warn", Level.WARNING);
        m.put("info", Level.INFO);
        m.put("debug", Level.FINE);
        m.put("trace", Level.FINEST);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The server's {@code --log-level} (our loggers; the frameworks' stay at warnings, or errors
     * for {@code error}) and {@code --log-format} (every handler of the root logger: the console
     * and {@code --log-to-file}'s file). Unless the operator gave their own JUL configuration.
     */
    static void apply(String format, String level) {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        ours = Logger.getLogger("dev.sandboxagent");
        ours.setLevel(LEVELS.get(level));
        Logger root = Logger.getLogger("");
        root.setLevel("error".equals(level) ? Level.SEVERE : Level.WARNING);
        if ("json".equals(format)) {
            for (Handler h : root.getHandlers()) {
                h.setFormatter(new JsonLogFormatter());
            }
        }
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

    /**
     * For one-shot commands: only errors. Such a command reports its own failure in one line on
     * stderr (e.g. install-agent's npm failure), so the engine's warnings about the same event
     * (an npm process that exited with code 1) would only repeat it.
     */
    static void quiet() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        ours = Logger.getLogger("dev.sandboxagent");
        ours.setLevel(Level.SEVERE);
    }
}
