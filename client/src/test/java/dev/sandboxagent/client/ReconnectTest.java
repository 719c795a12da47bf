package dev.sandboxagent.client;

import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event streams survive broken connections: a proxy cuts the daemon's event stream at random
 * points (mid-frame, mid-header) while the mock streams a 20,000-delta burst, and the client
 * still hands out every event exactly once, in order, the same as the daemon's log holds them.
 */
class ReconnectTest {

    private static final int DELTAS = 20_000;

    @TempDir
    Path dir;
    private LocalDaemon daemon;
    private CuttingProxy proxy;
    private SandboxClient client;

    @BeforeEach
    void start() throws Exception {
        daemon = new LocalDaemon(dir, null);
        proxy = new CuttingProxy(daemon.port(), 17, 40_000);
        client = SandboxClient.builder(proxy.uri()).reconnectPolicy(new ReconnectPolicy(20, Duration.ZERO,
                Duration.ofMillis(20))).build();
        client.sessions().createSession("burst", CreateSessionRequest.forAgent("mock"));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        proxy.close();
        daemon.close();
    }

    @Test
    void followThroughCutsGetsEveryEventOnceInOrder() throws Exception {
        proxy.cutting = true;
        daemon.mock.engine.postMessage("burst", MessageRequest.of("burst " + DELTAS));
        List<UniversalEvent> got = new ArrayList<>();
        EventStream s = client.sessions().follow("burst", 0);
        try {
            readUntil(s, got, UniversalEventType.TURN_ENDED);
        } finally {
            s.close();
        }
        System.out.println(proxy.cuts() + " cuts, " + got.size() + " events");
        assertThat(proxy.cuts()).as("cuts").isGreaterThanOrEqualTo(200);
        assertThat(got).isEqualTo(log(0, got.size()));
        assertThat(got.stream().filter(e -> e.type() == UniversalEventType.ITEM_DELTA).count())
                .isGreaterThanOrEqualTo(DELTAS);
    }

    @Test
    void turnStreamThroughCutsGetsEveryEventOnceInOrder() throws Exception {
        proxy.cutting = true;
        EventStream s = client.sessions().postMessageAndFollowTurn("burst", MessageRequest.of("burst " + DELTAS));
        List<UniversalEvent> got = new ArrayList<>();
        try {
            readUntil(s, got, null);
        } finally {
            s.close();
        }
        System.out.println(proxy.cuts() + " cuts, " + got.size() + " events");
        assertThat(proxy.cuts()).as("cuts").isGreaterThanOrEqualTo(200);
        assertThat(got.getFirst().type()).isEqualTo(UniversalEventType.TURN_STARTED);
        assertThat(got.getLast().type()).isEqualTo(UniversalEventType.TURN_ENDED);
        assertThat(got).isEqualTo(log(got.getFirst().sequence() - 1, got.size()));
    }

    @Test
    void closingAStreamClosesItsConnectionAtOnce() throws Exception {
        daemon.mock.engine.postMessage("burst", MessageRequest.of("hang"));
        EventStream s = client.sessions().follow("burst", 0);
        s.poll(Duration.ofSeconds(5));
        assertThat(proxy.openStreams()).isEqualTo(1);
        Instant closed = Instant.now();
        s.close();
        while (proxy.openStreams() > 0 && Duration.between(closed, Instant.now()).toMillis() < 2000) {
            Thread.sleep(5);
        }
        assertThat(proxy.openStreams()).as("event-stream connections open after close").isZero();
        assertThat(Duration.between(closed, Instant.now())).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void closingTheClientClosesItsStreams() throws Exception {
        daemon.mock.engine.postMessage("burst", MessageRequest.of("hang"));
        EventStream s = client.sessions().follow("burst", 0);
        s.poll(Duration.ofSeconds(5));
        assertThat(proxy.openStreams()).isEqualTo(1);
        client.close();
        assertThat(s.isFinished()).isTrue();
        Instant closed = Instant.now();
        while (proxy.openStreams() > 0 && Duration.between(closed, Instant.now()).toMillis() < 2000) {
            Thread.sleep(5);
        }
        assertThat(proxy.openStreams()).as("event-stream connections open after the client closed").isZero();
    }

    private static void readUntil(EventStream s, List<UniversalEvent> got, UniversalEventType last)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!s.isFinished() && Instant.now().isBefore(deadline)) {
            for (UniversalEvent e : s.poll(Duration.ofMillis(500))) {
                got.add(e);
                if (e.type() == last) {
                    return;
                }
            }
        }
        assertThat(s.isFinished()).as("stream finished before the deadline").isTrue();
    }

    /** {@code count} events of the daemon's log after {@code offset}. */
    private List<UniversalEvent> log(long offset, int count) {
        return daemon.mock.engine.events("burst", offset, count).events();
    }

}
