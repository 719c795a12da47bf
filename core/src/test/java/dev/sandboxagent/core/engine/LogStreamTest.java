package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.EventsPage;
import dev.sandboxagent.core.schema.UniversalEvent;
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

/** The engine's port types: the events, and behind them the log's encode-once entries. */
class LogStreamTest {

    @TempDir
    Path dir;
    MockEngine mock;

    @BeforeEach
    void start() {
        mock = MockEngine.withSession(dir, "s");
        mock.turn("s", "stream x y");
    }

    @AfterEach
    void stop() {
        mock.engine.shutdown();
    }

    @Test
    void thePageIsTheLogsEntries() {
        LogPage page = mock.engine.events("s", 1, 4);
        assertThat(page.events()).hasSize(4).isEqualTo(page.logged().stream().map(LoggedEvent::event).toList());
        assertThat(page.events()).extracting(UniversalEvent::sequence).containsExactly(2L, 3L, 4L, 5L);
        assertThat(page.hasMore()).isTrue();
        EventsPage plain = EventsPage.of(page.events(), page.hasMore());
        assertThat(plain.events()).isEqualTo(page.events());
    }

    @Test
    void pollAndPollLoggedHandOutTheSameEventsAndFramesAreShared() throws InterruptedException {
        List<UniversalEvent> viaPoll = drain(mock.engine.follow("s", 0));
        List<LoggedEvent> logged = new ArrayList<>();
        try (LogStream s = mock.engine.follow("s", 0)) {
            logged.addAll(s.pollLogged(Duration.ofMillis(100)));
            assertThat(s.position()).isEqualTo(logged.getLast().sequence());
        }
        assertThat(logged.stream().map(LoggedEvent::event).toList()).isEqualTo(viaPoll);
        LoggedEvent first = logged.getFirst();
        assertThat(mock.engine.events("s", 0, 1).logged().getFirst().sseFrame(false)).isSameAs(first.sseFrame(false));
        assertThat(new String(first.sseFrame(false), StandardCharsets.UTF_8))
                .isEqualTo("id:1\ndata:" + first.json(false) + "\n\n");
        // an event from elsewhere is framed the same way
        assertThat(LoggedEvent.of(first.event()).sseFrame(true)).isEqualTo(first.sseFrame(true));
    }

    private static List<UniversalEvent> drain(EventStream s) throws InterruptedException {
        try (s) {
            return s.poll(Duration.ofMillis(100));
        }
    }
}
