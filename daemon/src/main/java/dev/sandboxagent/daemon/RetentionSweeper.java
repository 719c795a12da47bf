package dev.sandboxagent.daemon;

import dev.sandboxagent.core.engine.Retention;
import dev.sandboxagent.core.engine.SessionEngine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies {@code --max-session-age} / {@code --max-disk} ({@link SessionEngine#prune}): once at
 * start (after the earlier sessions are restored), then every {@value #EVERY_SECONDS} s, or every
 * quarter of the maximum age when that is shorter (at least every 250 ms).
 */
final class RetentionSweeper implements AutoCloseable {

    static final long EVERY_SECONDS = 10;
    private static final System.Logger LOG = System.getLogger(RetentionSweeper.class.getName());

    private final ScheduledExecutorService timer;

    private RetentionSweeper(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static RetentionSweeper start(SessionEngine engine, Retention policy) {
        if (policy.keepsEverything()) {
            return new RetentionSweeper(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        });
        long every = Duration.ofSeconds(EVERY_SECONDS).toMillis();
        if (policy.maxAge() != null) {
            every = Math.max(250, Math.min(every, policy.maxAge().toMillis() / 4));
        }
        timer.scheduleWithFixedDelay(() -> sweep(engine, policy), 0, every, TimeUnit.MILLISECONDS);
        return new RetentionSweeper(timer);
    }

    private static void sweep(SessionEngine engine, Retention policy) {
        try {
            List<String> pruned = engine.prune(policy);
            if (!pruned.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG, "retention deleted {0} ended session(s)", pruned.size());
            }
        } catch (RuntimeException e) { // the next sweep tries again
            LOG.log(System.Logger.Level.WARNING, "applying the retention limits failed: " + e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
