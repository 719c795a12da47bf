package dev.sandboxagent.http;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** SSE: resume without gaps or duplicates, the turn stream, and many followers. */
class SseTest extends ServerTestBase {

    SseTest() {
        super("s");
    }

    private List<Long> sequences(List<TestServer.SseEvent> events) {
        return events.stream().map(TestServer.SseEvent::sequence).toList();
    }

    private void runTurn(String message) {
        var events = t.sse(t.request("/v1/sessions/s/messages/stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + message + "\"}")).build(), 100_000);
        assertThat(events.getLast().type()).isEqualTo("turn.ended");
    }

    /** Session "s" after a turn and a terminate; returns its event count. */
    private long endedSession() {
        runTurn("text bye");
        assertThat(t.post("/v1/sessions/s/terminate", "").statusCode()).isEqualTo(204);
        return t.mock.engine.getSession("s").eventCount();
    }

    @Test
    void messagesStreamCarriesExactlyThatTurnAndEnds() {
        runTurn("text first");
        var events = t.sse(t.request("/v1/sessions/s/messages/stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"stream x y\"}")).build(), 1000);
        assertThat(events).extracting(TestServer.SseEvent::type).containsExactly("turn.started", "item.started",
                "item.completed", "item.started", "item.delta", "item.delta", "item.completed", "turn.ended");
        assertThat(events.getFirst().data().getJsonObject("data").getString("turn_id"))
                .isEqualTo(events.getLast().data().getJsonObject("data").getString("turn_id"));
        // include_raw on the stream
        var raw = t.sse(t.request("/v1/sessions/s/messages/stream?include_raw=true")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"stream x\"}")).build(), 1000);
        assertThat(raw.stream().filter(e -> e.type().equals("item.delta"))).allMatch(e -> e.data().containsKey("raw"));
    }

    @Test
    void resumeByOffsetAndByLastEventIdHasNoGapAndNoDuplicate() {
        runTurn("burst 300");
        long total = t.mock.engine.getSession("s").eventCount();
        for (long cut : new long[]{0, 1, 7, 150, total - 1}) {
            List<TestServer.SseEvent> first = t.sse(t.request("/v1/sessions/s/events/sse").GET().build(), (int) cut);
            List<TestServer.SseEvent> byOffset = t.sse(t.request("/v1/sessions/s/events/sse?offset=" + cut).GET().build(),
                    (int) (total - cut));
            List<TestServer.SseEvent> byHeader = t.sse(t.request("/v1/sessions/s/events/sse?offset=0")
                    .header("Last-Event-ID", cut == 0 ? "0" : first.getLast().id()).GET().build(), (int) (total - cut));
            List<Long> joined = new ArrayList<>(sequences(first));
            joined.addAll(sequences(byOffset));
            assertThat(joined).isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(sequences(byHeader)).isEqualTo(sequences(byOffset));
        }
        SessionsApiTest.assertProblem(t.send(t.request("/v1/sessions/s/events/sse")
                .header("Last-Event-ID", "not-a-number").GET().build()), 400, "invalid_request");
    }

    @Test
    void streamOfAnEndedSessionEndsAfterTheLastEventWhenAskedTo() {
        runTurn("text bye");
        assertThat(t.post("/v1/sessions/s/terminate", "").statusCode()).isEqualTo(204);
        var events = t.sse(t.request("/v1/sessions/s/events/sse?close_at_end=true").GET().build(), Integer.MAX_VALUE);
        assertThat(events.getLast().type()).isEqualTo("session.ended");
        assertThat(events.getLast().data().getJsonObject("data").getString("reason")).isEqualTo("terminated");
        assertThat(events.getLast().data().getJsonObject("data").getString("terminated_by")).isEqualTo("daemon");
    }

    @Test
    void streamOfAnEndedSessionStaysOpenWithKeepAlivesUntilTheSessionIsDeleted() throws Exception {
        long total = endedSession();
        try (SseLines stream = SseLines.open(t, "/v1/sessions/s/events/sse")) {
            assertThat(stream.nextData(total)).hasSize((int) total).last().asString().contains("\"session.ended\"");
            // after the last event: idle, a comment every 15 s, the connection open
            assertThat(stream.nextNonBlankLine(Duration.ofSeconds(45))).isEqualTo(":keep-alive");
            assertThat(t.delete("/v1/sessions/s").statusCode()).isEqualTo(204);
            assertThat(stream.endsWithin(Duration.ofSeconds(30))).as("the stream ends when its session is deleted").isTrue();
        }
    }

    @Test
    void aContinuationOfAnEndedSessionArrivesOnTheSameConnection() throws Exception {
        long total = endedSession();
        try (SseLines stream = SseLines.open(t, "/v1/sessions/s/events/sse")) {
            assertThat(stream.nextData(total).getLast()).contains("\"session.ended\"");
            assertThat(t.post("/v1/sessions/s/messages", "{\"message\":\"text again\"}").statusCode()).isEqualTo(204);
            List<String> continued = new ArrayList<>();
            do {
                continued.addAll(stream.nextData(1));
            } while (!continued.getLast().contains("\"turn.ended\""));
            assertThat(continued.getFirst()).contains("\"session.started\"").contains("\"sequence\":" + (total + 1) + ",");
            assertThat(String.join("\n", continued)).contains("again");
        }
    }

    @Test
    void closeAtEndMustBeABoolean() {
        SessionsApiTest.assertProblem(t.get("/v1/sessions/s/events/sse?close_at_end=soon"), 400, "invalid_request");
    }

    @Test
    void fiftyConcurrentFollowersSeeTheSameSequence() throws Exception {
        int followers = 50;
        List<List<Long>> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch connected = new CountDownLatch(followers);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < followers; i++) {
                pool.submit(() -> {
                    connected.countDown();
                    seen.add(sequences(t.sse(t.request("/v1/sessions/s/events/sse?close_at_end=1").GET().build(),
                            Integer.MAX_VALUE)));
                    return null;
                });
            }
            connected.await();
            runTurn("burst 500");
            runTurn("tool");
            assertThat(t.post("/v1/sessions/s/terminate", "").statusCode()).isEqualTo(204);
        }
        long total = t.mock.engine.getSession("s").eventCount();
        List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
        assertThat(seen).hasSize(followers).allSatisfy(l -> assertThat(l).isEqualTo(expected));
    }
}
