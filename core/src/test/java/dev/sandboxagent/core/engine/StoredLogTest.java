package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.schema.json.SchemaJson;
import dev.sandboxagent.core.store.FileEventStore;
import dev.sandboxagent.core.testing.MockEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log with a small memory tail over the file store: what a reader gets from the store (old
 * events) is byte for byte what live followers got from memory, with and without raw.
 */
class StoredLogTest {

    private static final int TAIL = 16;

    @TempDir
    Path dir;
    FileEventStore store;
    MockEngine mock;

    @BeforeEach
    void start() {
        store = new FileEventStore(dir.resolve("sessions"), 64 * 1024, TAIL);
        mock = new MockEngine(dir, store);
        mock.create("s");
    }

    @AfterEach
    void stop() {
        mock.engine.shutdown();
        store.close();
    }

    @Test
    void oldEventsReadFromDiskAreTheBytesLiveFollowersGot() throws InterruptedException {
        List<byte[]> live = new ArrayList<>();
        List<byte[]> liveRaw = new ArrayList<>();
        try (LogStream follower = mock.engine.follow("s", 0)) {
            for (int i = 0; i < 5; i++) {
                mock.turn("s", "stream one two three four five six");
                mock.turn("s", "tool");
            }
            long size = mock.engine.getSession("s").eventCount();
            while (live.size() < size) {
                for (LoggedEvent e : follower.pollLogged(Duration.ofSeconds(5))) {
                    live.add(e.sseFrame(false));
                    liveRaw.add(e.sseFrame(true));
                    // the JSON with raw is what the schema's own encoder writes
                    assertThat(e.json(true)).isEqualTo(SchemaJson.toJson(e.event(), true).toString());
                }
            }
        }
        assertThat(live.size()).isGreaterThan(5 * TAIL);
        for (int offset = 0; offset < live.size(); offset += 5) {
            LogPage page = mock.engine.events("s", offset, 40);
            for (LoggedEvent e : page.logged()) {
                int i = (int) e.sequence() - 1;
                assertThat(e.sseFrame(false)).as("event %d", i + 1).isEqualTo(live.get(i));
                assertThat(e.sseFrame(true)).as("event %d with raw", i + 1).isEqualTo(liveRaw.get(i));
            }
        }
        LoggedEvent first = mock.engine.events("s", 0, 1).logged().getFirst();
        assertThat(new String(first.sseFrame(false), StandardCharsets.UTF_8)).startsWith("id:1\ndata:{");
        assertThat(first.event().raw()).as("raw is loaded from the raw segment").isNotNull();
        assertThat(first.event(false).raw()).isNull();
    }

    @Test
    void deletingTheSessionRemovesItsFiles() {
        mock.turn("s", "stream a b");
        assertThat(dir.resolve("sessions/s")).isDirectory();
        mock.engine.deleteSession("s");
        assertThat(dir.resolve("sessions/s")).doesNotExist();
    }
}
