package dev.sandboxagent.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.sandboxagent.bench.DaemonCalls.createSession;
import static dev.sandboxagent.bench.DaemonCalls.deleteSession;
import static dev.sandboxagent.bench.DaemonCalls.expect;
import static dev.sandboxagent.bench.DaemonCalls.json;
import static dev.sandboxagent.bench.DaemonCalls.streamTurn;

/**
 * The load measurements, each against a running daemon, from outside over HTTP. Every one checks
 * what it receives (status codes, every event exactly once and in order) and reports a broken
 * run in {@link Problems}; timings are only reported, never judged.
 */
final class Workloads {

    private Workloads() {
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
            streamTurn(c, "first", "{\"message\":\"text hi\"}", "the first turn's stream ended without turn.ended");
            return (System.nanoTime() - t0) / 1e6;
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
                        streamTurn(c, id, "{\"message\":\"text hi\"}", "the stream ended without turn.ended");
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
