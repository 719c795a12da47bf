package dev.sandboxagent.http.faults;

import dev.sandboxagent.http.ServerTestBase;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that drop the connection at random points and come back by offset or by
 * Last-Event-ID, while the agent streams bursts: each ends with exactly the log's sequence.
 */
class SseReconnectChaosTest extends ServerTestBase {

    private static final int CLIENTS = 8;
    private static final int MIN_CYCLES = 1_000;

    SseReconnectChaosTest() {
        super("chaos");
    }

    /** One client: reads a few events, hangs up, resumes; returns its sequence and cycle count. */
    private record Outcome(List<Long> sequences, int cycles) {
    }

    private Outcome client(long seed) throws Exception {
        Random random = new Random(seed);
        List<Long> seen = new ArrayList<>();
        int cycles = 0;
        boolean ended = false;
        while (!ended) {
            long last = seen.isEmpty() ? 0 : seen.getLast();
            HttpRequest.Builder b;
            if (random.nextBoolean()) {
                b = t.request("/v1/sessions/chaos/events/sse?offset=" + last);
            } else {
                b = t.request("/v1/sessions/chaos/events/sse").header("Last-Event-ID", Long.toString(last));
            }
            HttpResponse<InputStream> res = t.client.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(res.statusCode()).isEqualTo(200);
            int take = 1 + random.nextInt(60);
            try (InputStream in = res.body();
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                String id = null;
                while (take > 0 && (line = r.readLine()) != null) {
                    if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        seen.add(Long.parseLong(id));
                        take--;
                        if (line.contains("\"type\":\"session.ended\"")) {
                            ended = true;
                            break;
                        }
                    }
                }
            } // closing the body mid-stream drops the connection
            cycles++;
        }
        return new Outcome(seen, cycles);
    }

    @Test
    void everyClientEndsWithExactlyTheLog() throws Exception {
        AtomicInteger bursts = new AtomicInteger();
        List<Outcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                long seed = 1000 + i;
                futures.add(pool.submit(() -> client(seed)));
            }
            // the agent streams while the clients come and go
            for (int i = 0; i < 5; i++) {
                t.sse(t.request("/v1/sessions/chaos/messages/stream")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"burst 2000\"}")).build(), Integer.MAX_VALUE);
                bursts.incrementAndGet();
            }
            assertThat(t.post("/v1/sessions/chaos/terminate", "").statusCode()).isEqualTo(204);
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get());
            }
        }
        long total = t.mock.engine.getSession("chaos").eventCount();
        List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
        int cycles = 0;
        for (Outcome o : outcomes) {
            assertThat(o.sequences()).isEqualTo(expected); // no gap, no duplicate, in order
            cycles += o.cycles();
        }
        assertThat(bursts).hasValue(5);
        assertThat(total).isGreaterThan(10_000);
        assertThat(cycles).isGreaterThanOrEqualTo(MIN_CYCLES);
    }
}
