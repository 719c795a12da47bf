package dev.sandboxagent.core.testing;

import dev.sandboxagent.core.port.EngineObserver;
import dev.sandboxagent.core.spi.TurnUsage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records each observation as one line ("turnEnded mock completed"), for tests of what the engine reports. */
public final class RecordingObserver implements EngineObserver {

    private final List<String> seen = new ArrayList<>();
    private final List<TurnUsage> usages = new ArrayList<>();

    public synchronized List<String> seen() {
        return List.copyOf(seen);
    }

    /** The observations that start with {@code prefix}. */
    public synchronized List<String> seen(String prefix) {
        return seen.stream().filter(s -> s.startsWith(prefix)).toList();
    }

    public synchronized List<TurnUsage> usages() {
        return List.copyOf(usages);
    }

    private synchronized void add(String line) {
        seen.add(line);
    }

    @Override
    public void sessionCreated(String agent) {
        add("sessionCreated " + agent);
    }

    @Override
    public void sessionReopened(String agent) {
        add("sessionReopened " + agent);
    }

    @Override
    public void sessionEnded(String agent, String reason) {
        add("sessionEnded " + agent + " " + reason);
    }

    @Override
    public void turnStarted(String agent) {
        add("turnStarted " + agent);
    }

    @Override
    public void turnEnded(String agent, String outcome, Duration duration, TurnUsage usage) {
        synchronized (this) {
            usages.add(usage);
        }
        add("turnEnded " + agent + " " + outcome);
    }

    @Override
    public void eventAppended(String agent, String type) {
        add("event " + agent + " " + type);
    }

    @Override
    public void requestOpened(String agent, String kind) {
        add("requestOpened " + agent + " " + kind);
    }

    @Override
    public void requestResolved(String agent, String kind, String reply, Duration waited) {
        add("requestResolved " + agent + " " + kind + " " + reply);
    }

    @Override
    public void agentExited(String agent, Integer exitCode, boolean clean) {
        add("agentExited " + agent + " " + exitCode + " " + clean);
    }
}
