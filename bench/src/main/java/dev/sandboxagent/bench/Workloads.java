package dev.sandboxagent.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load measurements, each against a running daemon, from outside over HTTP. Every one checks
 * what it receives (status codes, every event exactly once and in order) and reports a broken
 * run in {@link Problems}; timings are only reported, never judged.
 */
final class Workloads {

    private Workloads() {
    }

    /** What went wrong during a run: lost or reordered events, HTTP errors, timeouts. */
    static final class Problems {
        private final ConcurrentLinkedQueue<String> list = new ConcurrentLinkedQueue<>();

        void add(String problem) {
            if (list.size() < 1000) {
                list.add(problem);
            }
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        List<String> all() {
            return List.copyOf(list);
        }
    }

    private static void expect(HttpConnection.Response r, int status, String what) throws IOException {
        if (r.status() != status) {
            throw new IOException(what + ": HTTP " + r.status() + " " + r.body());
        }
    }

    private static void createSession(HttpConnection c, String id, String body) throws IOException {
        expect(c.call("POST", "/v1/sessions/" + id, body), 200, "create session " + id);
    }

    private static void deleteSession(DaemonProcess d, String id) {
        try (HttpConnection c = d.connect()) {
            c.call("DELETE", "/v1/sessions/" + id, null);
        } catch (IOException ignored) {
            // cleanup only
        }
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * A follower of one session's SSE stream on its own platform thread: checks that sequences
     * come in order without gaps, and tells {@code onEvent} about each event.
     */
    private static final class Follower implements AutoCloseable {
        interface OnEvent {
            void event(long sequence, String type, String data);
        }

        private final HttpConnection connection;
        private final Thread thread;
        private volatile boolean closing;

        Follower(DaemonProcess d, String session, long offset, Problems problems, OnEvent onEvent) throws IOException {
            connection = d.connect();
            HttpConnection.Streaming s = connection.stream("GET", "/v1/sessions/" + session + "/events/sse?offset="
                    + offset, null);
            if (s.status() != 200) {
                connection.close();
                throw new IOException("SSE on " + session + ": HTTP " + s.status());
            }
            thread = Thread.ofPlatform().daemon().name("follower-" + session).start(() -> {
                SseReader r = new SseReader(s.body());
                long expected = offset + 1;
                try {
                    while (r.next()) {
                        if (r.id() != expected) {
                            problems.add(session + ": expected event " + expected + ", got " + r.id());
                            expected = r.id();
                        }
                        expected++;
                        onEvent.event(r.id(), SseReader.type(r.data()), r.data());
                    }
                } catch (IOException e) {
                    if (!closing) {
                        problems.add(session + ": SSE stream failed: " + e);
                    }
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            closing = true;
            connection.close();
            thread.join(5_000);
        }
    }

    // ---- (1b) the first turn of a fresh daemon -------------------------------------------

    /**
     * Milliseconds to create a mock session and run its first turn ({@code /messages/stream}
     * until {@code turn.ended}) on a daemon that has served nothing but /v1/health: what the
     * first client of a freshly started daemon waits, cold code paths included.
     */
    static double firstTurn(DaemonProcess d, Problems problems) throws IOException {
        long t0 = System.nanoTime();
        try (HttpConnection c = d.connect()) {
            createSession(c, "first", "{\"agent\":\"mock\"}");
            HttpConnection.Streaming s = c.stream("POST", "/v1/sessions/first/messages/stream", "{\"message\":\"text hi\"}");
            if (s.status() != 200) {
                throw new IOException("messages/stream: HTTP " + s.status());
            }
            SseReader r = new SseReader(s.body());
            while (r.next()) {
                if ("turn.ended".equals(SseReader.type(r.data()))) {
                    return (System.nanoTime() - t0) / 1e6;
                }
            }
            throw new IOException("the first turn's stream ended without turn.ended");
        }
    }

    // ---- (3) mock turn round trip -------------------------------------------------------

    /** p50 / p99 / max in microseconds. */
    record Latency(double p50, double p99, double max, int count) {
    }

    /**
     * Posts {@code warmup + measured} mock messages one after the other; each round trip is from
     * sending the POST to reading that turn's {@code turn.ended} on the session's SSE stream.
     */
    static Latency turnRoundTrip(DaemonProcess d, String session, int warmup, int measured, Problems problems)
            throws Exception {
        LinkedBlockingQueue<Long> ended = new LinkedBlockingQueue<>();
        Stats.Longs micros = new Stats.Longs();
        try (HttpConnection c = d.connect()) {
            createSession(c, session, "{\"agent\":\"mock\"}");
            try (Follower ignored = new Follower(d, session, 0, problems, (seq, type, data) -> {
                if ("turn.ended".equals(type)) {
                    ended.add(System.nanoTime());
                }
            })) {
                for (int i = 0; i < warmup + measured; i++) {
                    long t0 = System.nanoTime();
                    expect(c.call("POST", "/v1/sessions/" + session + "/messages", "{\"message\":\"text hi\"}"), 204,
                            "post message");
                    Long t1 = ended.poll(30, TimeUnit.SECONDS);
                    if (t1 == null) {
                        problems.add(session + ": turn " + (i + 1) + " did not end within 30 s");
                        break;
                    }
                    if (i >= warmup) {
                        micros.add((t1 - t0) / 1_000);
                    }
                }
            }
        } finally {
            deleteSession(d, session);
        }
        if (micros.size() < measured) {
            problems.add(session + ": only " + micros.size() + " of " + measured + " turns measured");
        }
        long max = micros.max();
        return new Latency(micros.percentile(50), micros.percentile(99), max, micros.size());
    }

    // ---- (4) events/s from an agent process ----------------------------------------------

    /** Events per second of each measured turn, and the events per turn. */
    record Throughput(List<Double> eventsPerSecond, long eventsPerTurn) {
    }

    /**
     * A claude session whose binary is the {@link ClaudeStub}: each turn, the stub prints its
     * recorded stream-json as fast as it can, through the real Claude adapter, normaliser, log
     * and SSE to this one client. Rate = events of the turn / (POST sent .. turn.ended read).
     */
    static Throughput processThroughput(DaemonProcess d, String session, int warmupTurns, int measuredTurns,
                                        Problems problems) throws Exception {
        AtomicLong count = new AtomicLong();
        LinkedBlockingQueue<long[]> ended = new LinkedBlockingQueue<>();
        List<Double> rates = new ArrayList<>();
        long perTurn = 0;
        try (HttpConnection c = d.connect()) {
            createSession(c, session, "{\"agent\":\"claude\"}");
            try (Follower ignored = new Follower(d, session, 0, problems, (seq, type, data) -> {
                long n = count.incrementAndGet();
                if ("turn.ended".equals(type)) {
                    ended.add(new long[]{System.nanoTime(), n});
                }
            })) {
                long before = count.get();
                for (int i = 0; i < warmupTurns + measuredTurns; i++) {
                    long t0 = System.nanoTime();
                    expect(c.call("POST", "/v1/sessions/" + session + "/messages", "{\"message\":" + json("go") + "}"),
                            204, "post message");
                    long[] end = ended.poll(300, TimeUnit.SECONDS);
                    if (end == null) {
                        problems.add(session + ": turn " + (i + 1) + " did not end within 300 s");
                        break;
                    }
                    long events = end[1] - before;
                    before = end[1];
                    perTurn = events;
                    if (i >= warmupTurns) {
                        rates.add(events / ((end[0] - t0) / 1e9));
                    }
                }
            }
        } finally {
            deleteSession(d, session);
        }
        return new Throughput(rates, perTurn);
    }

    // ---- (5) many followers ------------------------------------------------------------

    /** Delivery latency (event time to read by a follower) over every delivery, in microseconds. */
    record Fanout(int followers, long eventsEach, long deliveries, Latency latency, double connectMillis) {
    }

    /**
     * {@code followers} SSE clients (virtual threads, one connection each) follow one mock
     * session from its start; then {@code turns} turns of {@code stream} with {@code words}
     * words run, {@code pauseMillis} apart; then the session is terminated, which ends every
     * stream. Every follower must have read every event, in order; latency is measured for the
     * events of the turns, from the event's time stamp to the follower reading it.
     */
    static Fanout followers(DaemonProcess d, String session, int followers, int turns, int words, long pauseMillis,
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
                            HttpConnection.Streaming s = fc.stream("GET", "/v1/sessions/" + session + "/events/sse", null);
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
                new Latency(latency.percentile(50), latency.percentile(99), latency.max(), latency.size()), connectMillis);
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

    // ---- (6) concurrent sessions ---------------------------------------------------------

    record Concurrent(double wallMillis, int errors) {
    }

    /**
     * {@code sessions} virtual threads each open a connection, create a mock session and post a
     * message with {@code /messages/stream}, reading until its {@code turn.ended}; all start at
     * once. Wall time is from the start to the last turn.ended read.
     */
    static Concurrent concurrentSessions(DaemonProcess d, String prefix, int sessions, Problems problems)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger errors = new AtomicInteger();
        AtomicLong lastEnd = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            String id = prefix + "-" + i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    try (HttpConnection c = d.connect()) {
                        createSession(c, id, "{\"agent\":\"mock\"}");
                        HttpConnection.Streaming s = c.stream("POST", "/v1/sessions/" + id + "/messages/stream",
                                "{\"message\":\"text hi\"}");
                        if (s.status() != 200) {
                            throw new IOException("messages/stream: HTTP " + s.status());
                        }
                        SseReader r = new SseReader(s.body());
                        boolean ended = false;
                        while (!ended && r.next()) {
                            ended = "turn.ended".equals(SseReader.type(r.data()));
                        }
                        if (!ended) {
                            throw new IOException("the stream ended without turn.ended");
                        }
                        lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    problems.add("session " + id + ": " + e);
                }
            }));
        }
        Thread.sleep(50); // every thread is parked on the latch
        long t0 = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        for (int i = 0; i < sessions; i++) {
            deleteSession(d, prefix + "-" + i);
        }
        return new Concurrent((lastEnd.get() - t0) / 1e6, errors.get());
    }

    // ---- (7) health requests/s --------------------------------------------------------------

    record Rate(double perSecond, long requests, int errors) {
    }

    /**
     * {@code connections} keep-alive connections, each on its own thread, send GET /v1/health
     * back to back for {@code warmupMillis + millis}; requests completed in the last
     * {@code millis} count.
     */
    static Rate healthRate(DaemonProcess d, int connections, long warmupMillis, long millis, Problems problems)
            throws Exception {
        AtomicLong completed = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(warmupMillis);
        long end = measureFrom + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                HttpConnection c = null;
                long mine = 0;
                try {
                    while (true) {
                        if (c == null || !c.reusable()) {
                            if (c != null) {
                                c.close();
                            }
                            c = d.connect();
                        }
                        HttpConnection.Response r = c.call("GET", "/v1/health", null);
                        long now = System.nanoTime();
                        if (r.status() != 200) {
                            errors.incrementAndGet();
                        } else if (now >= measureFrom && now < end) {
                            mine++;
                        }
                        if (now >= end) {
                            break;
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    problems.add("health: " + e);
                } finally {
                    if (c != null) {
                        c.close();
                    }
                    completed.addAndGet(mine);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Rate(completed.get() / (millis / 1000.0), completed.get(), errors.get());
    }
}
