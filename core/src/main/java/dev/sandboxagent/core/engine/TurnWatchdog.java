package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.spi.AgentSession;

import java.util.concurrent.TimeUnit;

import static dev.sandboxagent.core.json.Jsons.JSON;

/**
 * Watches one turn for silence: when no event has been logged for {@code timeoutMs} while the
 * turn runs (time spent waiting for a human's answer to a permission or question does not
 * count), it logs an {@code error} event with code {@code timeout}, interrupts the turn through
 * the adapter, and, if the agent has not ended the turn after a further {@code timeoutMs}
 * (a process that ignores interrupts), ends the turn itself so the session takes the next message.
 * One virtual thread per turn; it returns as soon as its turn is over.
 */
final class TurnWatchdog implements Runnable {

    private static final System.Logger LOG = System.getLogger(TurnWatchdog.class.getName());

    private final String sessionId;
    private final String turnId;
    private final long timeoutMs;
    private final Normalizer normalizer;
    private final AgentSession agent;

    private TurnWatchdog(String sessionId, String turnId, long timeoutMs, Normalizer normalizer, AgentSession agent) {
        this.sessionId = sessionId;
        this.turnId = turnId;
        this.timeoutMs = timeoutMs;
        this.normalizer = normalizer;
        this.agent = agent;
    }

    /** Starts watching {@code turnId}; null when {@code timeoutMs} is 0 (no watchdog). */
    static Thread watch(String sessionId, String turnId, long timeoutMs, Normalizer normalizer, AgentSession agent) {
        if (timeoutMs <= 0) {
            return null;
        }
        return Thread.ofVirtual().name("turn-watchdog-" + sessionId)
                .start(new TurnWatchdog(sessionId, turnId, timeoutMs, normalizer, agent));
    }

    @Override
    public void run() {
        try {
            waitForSilence();
            if (!normalizer.turnTimedOut(turnId, "the agent was silent for " + timeoutMs
                    + " ms during turn " + turnId + "; the turn is interrupted", JSON.createObjectBuilder()
                    .add("turnId", turnId).add("turnIdleTimeoutMs", timeoutMs).build())) {
                return;
            }
            try {
                agent.interrupt();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "session " + sessionId + ": interrupting a silent turn failed", e);
            }
            TimeUnit.MILLISECONDS.sleep(timeoutMs);
            normalizer.abandonTurn(turnId);
        } catch (InterruptedException e) {
            // the turn ended (or the session did): nothing left to watch
        }
    }

    /** Returns once the turn has been silent for the timeout; throws when the turn is over. */
    private void waitForSilence() throws InterruptedException {
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            if (!turnId.equals(normalizer.openTurn())) {
                throw new InterruptedException("turn over");
            }
            // while a human's answer is awaited the silence starts now; the answer is an event, which restarts it
            long silent = System.nanoTime() - normalizer.silentSince();
            if (silent >= timeoutNanos) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(timeoutNanos - silent);
        }
    }
}
