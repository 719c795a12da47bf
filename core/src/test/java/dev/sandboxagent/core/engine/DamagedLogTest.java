package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.schema.ErrorData;
import dev.sandboxagent.core.schema.SessionEndReason;
import dev.sandboxagent.core.schema.SessionEndedData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.testing.MockEngine;
import dev.sandboxagent.core.testing.StoredEngines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A segment damaged on disk (a byte flipped inside an event's record, as bad storage does):
 * after a restart that session is readable up to the damage, then an {@code error} event with
 * code {@code event_log_damaged} naming the file and byte, then its end; it can be continued.
 * The other session's log is untouched.
 */
class DamagedLogTest {

    private static final int RECORD_HEADER = 16; // length, CRC-32C, sequence (the store's record format)
    private static final long DAMAGED_SEQUENCE = 10;

    private final StoredEngines engines = new StoredEngines();

    @AfterEach
    void close() {
        engines.close();
    }

    @Test
    void theDamagedSessionEndsAtTheDamageWithAnErrorEventAndTheOtherIsUntouched() throws IOException {
        MockEngine first = engines.next();
        for (String id : List.of("bad", "good")) {
            first.create(id);
            first.turn(id, "stream one two three four five six");
            first.turn(id, "tool");
        }
        List<String> badBefore = json(first.engine.events("bad", 0, 10_000));
        List<String> goodBefore = json(first.engine.events("good", 0, 10_000));
        assertThat(badBefore.size()).isGreaterThan((int) DAMAGED_SEQUENCE + 5);
        engines.crash(); // the process dies: the sessions were never ended

        Path segment = engines.dir().resolve("sessions/bad/events-000001.seg");
        long at = flipAByteInTheBodyOf(segment, DAMAGED_SEQUENCE);

        MockEngine second = engines.next();
        assertThat(second.engine.restoreSessions()).isEqualTo(2);
        LogPage page = second.engine.events("bad", 0, 10_000);
        List<String> bad = json(page);
        long kept = DAMAGED_SEQUENCE - 1;
        assertThat(bad.subList(0, (int) kept)).as("the log up to the damage, as clients got it")
                .isEqualTo(badBefore.subList(0, (int) kept));
        // the damage cut the log mid-turn: the error, that turn's end, the session's end
        assertThat(page.events().subList((int) kept, bad.size())).extracting(e -> e.type().wire())
                .containsExactly("error", "turn.ended", "session.ended");
        UniversalEvent error = page.events().get((int) kept);
        assertThat(error.type()).isEqualTo(UniversalEventType.ERROR);
        assertThat(error.sequence()).isEqualTo(DAMAGED_SEQUENCE);
        ErrorData data = (ErrorData) error.data();
        assertThat(data.code()).isEqualTo("event_log_damaged");
        assertThat(data.message()).contains("events-000001.seg is damaged at byte " + at).contains("lost");
        UniversalEvent end = page.events().getLast();
        assertThat(end.type()).isEqualTo(UniversalEventType.SESSION_ENDED);
        assertThat(((SessionEndedData) end.data()).reason()).isEqualTo(SessionEndReason.ERROR);

        List<String> good = json(second.engine.events("good", 0, 10_000));
        assertThat(good.subList(0, goodBefore.size())).as("the other session is unaffected").isEqualTo(goodBefore);
        assertThat(good).hasSize(goodBefore.size() + 1); // its end: the daemon stopped while it ran

        List<UniversalEvent> turn = second.turn("bad", "text again"); // the damaged session goes on
        assertThat(turn.getFirst().sequence()).isGreaterThan(end.sequence());
        assertThat(turn.getLast().type()).isEqualTo(UniversalEventType.TURN_ENDED);
    }

    /** Flips a byte in the middle of the JSON of the record of {@code sequence}; returns the record's offset. */
    private static long flipAByteInTheBodyOf(Path segment, long sequence) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        long offset = 0;
        while (offset < bytes.length) {
            int length = in.readInt();
            in.readInt(); // CRC
            long seq = in.readLong();
            if (seq == sequence) {
                bytes[(int) (offset + RECORD_HEADER + length / 2)] ^= 0x20;
                Files.write(segment, bytes);
                return offset;
            }
            in.skipNBytes(length);
            offset += RECORD_HEADER + length;
        }
        throw new AssertionError("no record of sequence " + sequence + " in " + segment);
    }

    private static List<String> json(LogPage page) {
        return page.logged().stream().map(e -> e.json(true)).toList();
    }
}
