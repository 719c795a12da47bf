package dev.sandboxagent.http.faults;

import dev.sandboxagent.http.ServerTestBase;
import dev.sandboxagent.http.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** 500 sessions with 10 turns each, all at once: no error; deleting them gives their memory back. */
class ManySessionsTest extends ServerTestBase {

    private static final int SESSIONS = 500;
    private static final int TURNS = 10;

    ManySessionsTest() {
        super();
    }

    @Test
    void fiveHundredSessionsTenTurnsEach() throws Exception {
        long before = Heap.usedAfterGc();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                String id = "many-" + i;
                all.add(pool.submit(() -> {
                    var created = t.post("/v1/sessions/" + id, "{\"agent\":\"mock\"}");
                    if (created.statusCode() != 200) {
                        errors.add(id + " create " + created.statusCode() + " " + created.body());
                        return null;
                    }
                    for (int turn = 0; turn < TURNS; turn++) {
                        var events = t.sse(t.request("/v1/sessions/" + id + "/messages/stream").POST(
                                HttpRequest.BodyPublishers.ofString("{\"message\":\"stream turn " + turn + " of " + id + "\"}"))
                                .build(), Integer.MAX_VALUE);
                        if (events.isEmpty() || !events.getLast().type().equals("turn.ended")) {
                            errors.add(id + " turn " + turn + " ended with " + (events.isEmpty() ? "nothing" : events.getLast().type()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        assertThat(errors).isEmpty();
        var sessions = TestServer.parse(t.get("/v1/sessions").body()).getJsonArray("sessions");
        assertThat(sessions).hasSize(SESSIONS);
        // each session: session.started + 10 turns x (turn.started, user x2, started, 4 deltas, completed, turn.ended)
        assertThat(sessions.getValuesAs(v -> v.asJsonObject().getJsonNumber("eventCount").longValue()))
                .allMatch(count -> count == 1 + TURNS * 10L);
        long loaded = Heap.usedAfterGc();

        for (int i = 0; i < SESSIONS; i++) {
            assertThat(t.delete("/v1/sessions/many-" + i).statusCode()).isEqualTo(204);
        }
        assertThat(TestServer.parse(t.get("/v1/sessions").body()).getJsonArray("sessions")).isEmpty();
        long after = Heap.usedAfterGc();
        assertThat(loaded - before).as("heap held by 500 sessions' logs").isPositive();
        assertThat(after - before).as("heap left after deleting every session").isLessThan((loaded - before) / 2 + 8L * 1024 * 1024);
    }
}
