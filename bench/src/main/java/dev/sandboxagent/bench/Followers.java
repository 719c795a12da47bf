package dev.sandboxagent.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sandboxagent.bench.DaemonCalls.createSession;
import static dev.sandboxagent.bench.DaemonCalls.deleteSession;
import static dev.sandboxagent.bench.DaemonCalls.expect;
import static dev.sandboxagent.bench.DaemonCalls.json;

/** (5) Many SSE followers of one session: every event to every follower, in order, and how fast. */
final class Followers {

    private Followers() {
    }

    /** Delivery latency (event time to read by a follower) over every delivery, in microseconds. */
    record Fanout(int followers, long eventsEach, long deliveries, Workloads.Latency latency, double connectMillis) {
    }

    /**
     * {@code followers} SSE clients (virtual threads, one connection each) follow one mock
     * session from its start; then {@code turns} turns of {@code stream} with {@code words}
     * words run, {@code pauseMillis} apart; then the session is terminated, which ends every
     * stream. Every follower must have read every event, in order; latency is measured for the
     * events of the turns, from the event's time stamp to the follower reading it.
     */
    static Fanout run(DaemonProcess d, String session, int followers, int turns, int words, long pauseMillis,
                            Problems problems) throws Exception {
        StringBuilder text = new StringBuilder("stream");
        for (int i = 0; i < words; i++) {
            text.append(" w").append(i);
        }
        String message = "{\"message\":" + json(text.toString()) + "}";
        Stats.Longs[] received = new Stats.Longs[followers]; // per follower: receive time (µs) of event i+1
        long[] lastSeen = new long[followers];
        CountDownLatch connected = new CountDownLatch(followers);
        CountDownLatch done = new CountDownLatch(followers);
        AtomicInteger failed = new AtomicInteger();
        List<HttpConnection> connections = new ArrayList<>();
        LinkedBlockingQueue<Long> turnEnded = new LinkedBlockingQueue<>();
        List<Long> eventMicros = new ArrayList<>(); // index seq-1: the event's time stamp
        long connectMillis;
        long firstTurnSeq;
        try (HttpConnection c = d.connect()) {
            createSession(c, session, "{\"agent\":\"mock\"}");
            long t0 = System.nanoTime();
            {
                for (int f = 0; f < followers; f++) {
                    int id = f;
                    received[f] = new Stats.Longs();
                    HttpConnection fc = d.connect();
                    synchronized (connections) {
                        connections.add(fc);
                    }
                    Thread.ofVirtual().name("follower-" + f).start(() -> {
                        try {
                            HttpConnection.Streaming s = fc.stream("GET", "/v1/sessions/" + session + "/events/sse?close_at_end=true", null);
                            if (s.status() != 200) {
                                throw new IOException("HTTP " + s.status());
                            }
                            SseReader r = new SseReader(s.body(), false); // ids only: the control follower reads the data
                            long expected = 1;
                            boolean first = true;
                            while (r.next()) {
                                long now = SseReader.nowMicros();
                                if (r.id() != expected) {
                                    problems.add("follower " + id + ": expected event " + expected + ", got " + r.id());
                                    failed.incrementAndGet();
                                    break;
                                }
                                received[id].add(now);
                                lastSeen[id] = expected;
                                expected++;
                                if (first) {
                                    connected.countDown();
                                    first = false;
                                }
                            }
                        } catch (IOException e) {
                            problems.add("follower " + id + ": " + e);
                            failed.incrementAndGet();
                        } finally {
                            if (connected.getCount() > 0 && received[id].size() == 0) {
                                connected.countDown();
                            }
                            done.countDown();
                        }
                    });
                }
                if (!connected.await(120, TimeUnit.SECONDS)) {
                    problems.add(session + ": followers not connected after 120 s");
                }
                connectMillis = (System.nanoTime() - t0) / 1_000_000;
                // A control follower: event time stamps, and when each turn ends.
                try (Follower control = new Follower(d, session, 0, problems, (seq, type, data) -> {
                    synchronized (eventMicros) {
                        eventMicros.add(SseReader.timeMicros(data));
                    }
                    if ("turn.ended".equals(type)) {
                        turnEnded.add(seq);
                    }
                })) {
                    HttpConnection.Response info = c.call("GET", "/v1/sessions/" + session, null);
                    firstTurnSeq = eventCount(info.body()) + 1;
                    for (int t = 0; t < turns; t++) {
                        expect(c.call("POST", "/v1/sessions/" + session + "/messages", message), 204, "post message");
                        if (turnEnded.poll(60, TimeUnit.SECONDS) == null) {
                            problems.add(session + ": turn " + (t + 1) + " did not end within 60 s");
                            break;
                        }
                        Thread.sleep(pauseMillis);
                    }
                    expect(c.call("POST", "/v1/sessions/" + session + "/terminate", null), 204, "terminate");
                    if (!done.await(120, TimeUnit.SECONDS)) {
                        problems.add(session + ": " + done.getCount() + " followers still reading 120 s after the end");
                    }
                }
            }
        } finally {
            synchronized (connections) {
                connections.forEach(HttpConnection::close);
            }
            deleteSession(d, session);
        }
        long total = eventMicros.size();
        Stats.Longs latency = new Stats.Longs();
        long deliveries = 0;
        for (int f = 0; f < followers; f++) {
            if (lastSeen[f] != total) {
                problems.add("follower " + f + " read " + lastSeen[f] + " of " + total + " events");
            }
            Stats.Longs r = received[f];
            deliveries += r.size();
            for (int i = (int) firstTurnSeq - 1; i < r.size() && i < total; i++) {
                latency.add(Math.max(0, r.get(i) - eventMicros.get(i)));
            }
        }
        return new Fanout(followers, total, deliveries,
                new Workloads.Latency(latency.percentile(50), latency.percentile(99), latency.max(), latency.size()), connectMillis);
    }

    private static long eventCount(String sessionJson) {
        int at = sessionJson.indexOf("\"eventCount\":");
        if (at < 0) {
            return 0;
        }
        int i = at + "\"eventCount\":".length();
        long v = 0;
        while (i < sessionJson.length() && Character.isDigit(sessionJson.charAt(i))) {
            v = v * 10 + (sessionJson.charAt(i++) - '0');
        }
        return v;
    }
}
