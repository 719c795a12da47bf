package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.schema.EventData;
import dev.sandboxagent.core.schema.EventSource;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Stamps and appends one session's events: event id (a per-session random prefix plus the
 * sequence, so ids are unique across sessions too), sequence from 1 without gaps, and time.
 * Not thread-safe: used under the {@link Normalizer}'s monitor, which fixes the order.
 */
final class EventStamper {

    private final String sessionId;
    private final EventLog log;
    private final SessionTally tally;
    private final String eventIdPrefix = "evt_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "_";
    private long sequence;
    private long updatedAt = System.currentTimeMillis();
    private long lastAppendNanos = System.nanoTime();

    EventStamper(String sessionId, EventLog log, SessionTally tally) {
        this.sessionId = sessionId;
        this.log = log;
        this.tally = tally;
        this.sequence = log.size(); // a restored log goes on after its last event
        if (sequence > 0) { // and was last updated by its last event, not by the restart
            try {
                updatedAt = Instant.parse(log.read(sequence - 1, 1).getFirst().event(false).time()).toEpochMilli();
            } catch (DateTimeParseException e) {
                // keeps the time of the restart
            }
        }
    }

    void append(UniversalEventType type, EventData data, JsonValue raw, EventSource source, String nativeSessionId) {
        tally.appended(type, data); // first, so whoever reads the event finds it counted
        long seq = ++sequence;
        updatedAt = System.currentTimeMillis();
        lastAppendNanos = System.nanoTime();
        String time = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        // synthetic marks what the daemon made up for the agent: exactly the events it is the source of
        log.append(new LoggedEvent(new UniversalEvent(eventIdPrefix + seq, seq, time, sessionId, nativeSessionId,
                source == EventSource.DAEMON, source, type, data, raw)));
    }

    long updatedAt() {
        return updatedAt;
    }

    /** {@link System#nanoTime()} of the last append (monotonic, for measuring silence). */
    long lastAppendNanos() {
        return lastAppendNanos;
    }
}
