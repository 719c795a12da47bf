package dev.sandboxagent.daemon;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.port.LogContext;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --log-format json}: each record is one line that parses as a JSON object with the documented fields. */
class JsonLogFormatterTest {

    private final JsonLogFormatter formatter = new JsonLogFormatter();

    private static LogRecord record(Level level, String message, Object... params) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("dev.sandboxagent.core.engine.SessionLog");
        r.setParameters(params);
        r.setMillis(1_796_000_000_123L);
        return r;
    }

    private JsonObject line(LogRecord r) {
        String out = formatter.format(r);
        assertThat(out).endsWith(System.lineSeparator());
        assertThat(out.strip()).doesNotContain("\n");
        return Jsons.parseObjectStrict(out.strip());
    }

    @Test
    void aSessionLineCarriesTheSessionAgentAndTurn() {
        JsonObject o = line(record(Level.FINE, "session {0}: turn {1} ended (\"completed\")",
                new LogContext("s-1", "claude", "turn_2"), "turn_2"));
        assertThat(o.getString("time")).isEqualTo("2026-11-30T00:53:20.123Z");
        assertThat(o.getString("level")).isEqualTo("DEBUG");
        assertThat(o.getString("logger")).isEqualTo("dev.sandboxagent.core.engine.SessionLog");
        assertThat(o.getString("message")).isEqualTo("session s-1: turn turn_2 ended (\"completed\")");
        assertThat(o.getString("session_id")).isEqualTo("s-1");
        assertThat(o.getString("agent")).isEqualTo("claude");
        assertThat(o.getString("turn_id")).isEqualTo("turn_2");
    }

    @Test
    void otherLinesHaveNoSessionFieldsAndKeepTheirStackTrace() {
        LogRecord r = record(Level.SEVERE, "unexpected failure on GET /x\nsecond line");
        r.setThrown(new IllegalStateException("boom"));
        JsonObject o = line(r);
        assertThat(o.getString("level")).isEqualTo("ERROR");
        assertThat(o.getString("message")).isEqualTo("unexpected failure on GET /x\nsecond line");
        assertThat(o).doesNotContainKeys("session_id", "agent", "turn_id");
        assertThat(o.getString("error")).contains("IllegalStateException: boom");
    }

    @Test
    void levelsAreNamedAsLogLevelNamesThem() {
        assertThat(JsonLogFormatter.level(Level.WARNING)).isEqualTo("WARN");
        assertThat(JsonLogFormatter.level(Level.INFO)).isEqualTo("INFO");
        assertThat(JsonLogFormatter.level(Level.FINEST)).isEqualTo("TRACE");
        assertThat(DaemonLogging.LEVELS.keySet()).containsExactly("error", "warn", "info", "debug", "trace");
    }
}
