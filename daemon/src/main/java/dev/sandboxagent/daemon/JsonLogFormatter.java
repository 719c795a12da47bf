package dev.sandboxagent.daemon;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.port.LogContext;
import jakarta.json.JsonObjectBuilder;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code server --log-format json}: one JSON object per line with {@code time} (ISO-8601, UTC),
 * {@code level} (ERROR, WARN, INFO, DEBUG, TRACE), {@code logger}, {@code message} and, when the
 * line is about a session (a {@link LogContext} among its parameters), {@code session_id},
 * {@code agent} and {@code turn_id}; {@code error} holds a stack trace.
 */
final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        JsonObjectBuilder line = Jsons.JSON.createObjectBuilder()
                .add("time", Instant.ofEpochMilli(record.getMillis()).toString())
                .add("level", level(record.getLevel()))
                .add("logger", String.valueOf(record.getLoggerName()))
                .add("message", formatMessage(record));
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                if (p instanceof LogContext c) {
                    addIfKnown(line, "session_id", c.sessionId());
                    addIfKnown(line, "agent", c.agent());
                    addIfKnown(line, "turn_id", c.turnId());
                    break;
                }
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.add("error", trace.toString());
        }
        return line.build().toString() + System.lineSeparator();
    }

    /** An INFO line of {@code logger} that is printed rather than logged (the "listening on" line). */
    static String info(String logger, String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName(logger);
        return new JsonLogFormatter().format(record);
    }

    private static void addIfKnown(JsonObjectBuilder line, String key, String value) {
        if (value != null) {
            line.add(key, value);
        }
    }

    /** JUL's levels by the names the other formats and --log-level use. */
    static String level(Level level) {
        int v = level.intValue();
        return v >= Level.SEVERE.intValue() ? "ERROR" : v >= Level.WARNING.intValue() ? "WARN"
                : v >= Level.INFO.intValue() ? "INFO" : v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }
}
