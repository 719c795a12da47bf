package dev.sandboxagent.http.faults;

import dev.sandboxagent.http.ServerTestBase;
import dev.sandboxagent.http.TestServer;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A follower that stops reading costs the daemon one parked virtual thread, its socket buffers
 * and the one event it is writing: it never slows the agent or the other followers, and what
 * it holds does not grow with the events it misses.
 */
class SlowFollowerTest extends ServerTestBase {

    SlowFollowerTest() {
        super("s");
    }

    @Test
    void aStuckFollowerDoesNotHoldUpTheAgentNorOthers() throws Exception {
        // The stuck follower: asks for the stream and never reads a byte of it.
        Socket stuck = new Socket("127.0.0.1", Integer.parseInt(t.base.substring(t.base.lastIndexOf(':') + 1)));
        stuck.setReceiveBufferSize(4096);
        OutputStream out = stuck.getOutputStream();
        out.write(("GET /v1/sessions/s/events/sse HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestServer.TOKEN
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();

        // A normal follower, reading everything.
        CompletableFuture<List<Long>> reader = CompletableFuture.supplyAsync(() ->
                t.sseUntil(t.request("/v1/sessions/s/events/sse").GET().build(), e -> e.type().equals("session.ended"))
                        .stream().map(TestServer.SseEvent::sequence).toList());

        // The agent streams far more than the stuck client's buffers can take.
        List<Long> turnEnds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var events = t.sse(t.request("/v1/sessions/s/messages/stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"burst 20000\"}")).build(), Integer.MAX_VALUE);
            assertThat(events.getLast().type()).isEqualTo("turn.ended");
            turnEnds.add(events.getLast().sequence());
        }

        assertThat(t.post("/v1/sessions/s/terminate", "").statusCode()).isEqualTo(204);
        long total = t.mock.engine.getSession("s").eventCount();
        assertThat(total).isGreaterThan(100_000);
        assertThat(reader.get()).isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
        reader = null; // the client side's copy is not the daemon's business
        assertThat(stuck.isClosed()).isFalse();
        // The stuck follower is still connected, its stream far from done.
        long withStuck = Heap.usedAfterGc();

        // What the stuck follower holds: the difference its going away makes (the log stays).
        stuck.close();
        Thread.sleep(500);
        long withoutStuck = Heap.usedAfterGc();
        assertThat(withStuck - withoutStuck).as("heap held by a stuck follower").isLessThan(16L * 1024 * 1024);
    }
}
