package dev.sandboxagent.daemon.api;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

    private final List<String> events = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add);

    private void feed(String... lines) {
        for (String l : lines) {
            parser.line(l);
        }
    }

    @Test
    void eachEventsDataIsHandedOnAtItsBlankLine() {
        feed("id: 1", "data: {\"a\":1}", "", "id: 2", "data:{\"b\":2}", "");
        assertThat(events).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void commentsAndOtherFieldsAreSkippedAndDataLinesJoined() {
        feed(": keep-alive", "", "event: x", "retry: 10", "data: one", "data: two", "");
        assertThat(events).containsExactly("one\ntwo");
    }

    @Test
    void anEventCutOffByTheEndOfTheStreamStillCounts() {
        feed("data: last");
        assertThat(events).isEmpty();
        parser.end();
        assertThat(events).containsExactly("last");
    }
}
