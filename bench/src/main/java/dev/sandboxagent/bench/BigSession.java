package dev.sandboxagent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sandboxagent.bench.DaemonCalls.createSession;
import static dev.sandboxagent.bench.DaemonCalls.deleteSession;
import static dev.sandboxagent.bench.DaemonCalls.expect;

/**
 * (8) Issue #14's long session: one Claude session (the {@link ClaudeStub}) of about
 * {@code events} events, turn after turn, followed live from offset 0 by {@code followers} SSE
 * clients, each checking it gets every event in order. Measures the daemon's peak RSS through it
 * (the log keeps only a bounded tail in memory; followers read older events from disk).
 */
final class BigSession {

    /** Events in the session, seconds from the first POST until every follower saw the last turn end. */
    record Result(long events, double seconds, double peakMiB) {
    }

    private BigSession() {
    }

    static Result run(DaemonProcess d, ClaudeStub stub, long events, int followers, Problems problems)
            throws Exception {
        String session = "big";
        int turns = (int) Math.max(1, (events + stub.approxEventsPerTurn() - 1) / stub.approxEventsPerTurn());
        LinkedBlockingQueue<Long> turnEnds = new LinkedBlockingQueue<>();
        CountDownLatch allSeen = new CountDownLatch(followers);
        List<Follower> all = new ArrayList<>();
        long[] lastSequence = new long[1];
        try (RssSampler rss = RssSampler.start(d); HttpConnection c = d.connect()) {
            createSession(c, session, "{\"agent\":\"claude\"}");
            for (int f = 0; f < followers; f++) {
                boolean first = f == 0;
                AtomicInteger ended = new AtomicInteger();
                all.add(new Follower(d, session, 0, problems, (seq, type, data) -> {
                    if ("turn.ended".equals(type)) {
                        if (first) {
                            lastSequence[0] = seq;
                            turnEnds.add(seq);
                        }
                        if (ended.incrementAndGet() == turns) {
                            allSeen.countDown();
                        }
                    }
                }));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < turns; i++) {
                expect(c.call("POST", "/v1/sessions/" + session + "/messages", "{\"message\":\"go\"}"), 204,
                        "post message " + (i + 1));
                if (turnEnds.poll(600, TimeUnit.SECONDS) == null) {
                    problems.add(session + ": turn " + (i + 1) + " did not end within 600 s");
                    return new Result(lastSequence[0], Double.NaN, rss.peakMiB());
                }
            }
            if (!allSeen.await(600, TimeUnit.SECONDS)) {
                problems.add(session + ": " + allSeen.getCount() + " of " + followers
                        + " followers did not see every turn end within 600 s");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Result(lastSequence[0], seconds, rss.peakMiB());
        } finally {
            for (Follower f : all) {
                f.close();
            }
            deleteSession(d, session);
        }
    }
}
