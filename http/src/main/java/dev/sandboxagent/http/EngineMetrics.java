package dev.sandboxagent.http;

import dev.sandboxagent.core.port.EngineObserver;
import dev.sandboxagent.core.process.ProcessObserver;
import dev.sandboxagent.core.spi.TurnUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's and the agent processes' observations as Micrometer meters (the families are
 * listed in the README). Labels stay bounded: agent ids, outcomes, wire names, exit classes.
 * Micrometer caches each meter by name and tags, so a lookup per observation is a map hit.
 */
final class EngineMetrics implements EngineObserver, ProcessObserver {

    private static final Duration[] TURN_BUCKETS = seconds(0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800);
    private static final Duration[] ANSWER_BUCKETS = seconds(1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600);

    private final MeterRegistry registry;
    private final AtomicInteger sessionsActive = new AtomicInteger();
    private final AtomicInteger processesRunning = new AtomicInteger();
    private final AtomicInteger permissionsPending = new AtomicInteger();
    private final AtomicInteger questionsPending = new AtomicInteger();
    private final ConcurrentMap<String, ConcurrentMap<String, Counter>> eventCounters = new ConcurrentHashMap<>();

    EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("sandbox.sessions.active", sessionsActive);
        registry.gauge("sandbox.agent.processes.running", processesRunning);
        registry.gauge("sandbox.hitl.pending", Tags.of("kind", "permission"),
                permissionsPending);
        registry.gauge("sandbox.hitl.pending", Tags.of("kind", "question"),
                questionsPending);
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofMillis((long) (values[i] * 1000));
        }
        return out;
    }

    private Counter counter(String name, String... tags) {
        return registry.counter(name, tags);
    }

    /** Moves a gauge and counts what moved it. */
    private void count(AtomicInteger gauge, int delta, String counter, String... tags) {
        gauge.addAndGet(delta);
        counter(counter, tags).increment();
    }

    private Timer timer(String name, Duration[] buckets, String... tags) {
        return Timer.builder(name).tags(tags).serviceLevelObjectives(buckets).register(registry);
    }

    @Override
    public void sessionCreated(String agent) {
        // "_created" is reserved by OpenMetrics: the family is sandbox_sessions_total
        count(sessionsActive, +1, "sandbox.sessions", "agent", agent);
    }

    @Override
    public void sessionReopened(String agent) {
        count(sessionsActive, +1, "sandbox.sessions.reopened", "agent", agent);
    }

    @Override
    public void sessionEnded(String agent, String reason) {
        count(sessionsActive, -1, "sandbox.sessions.ended", "agent", agent, "reason", reason);
    }

    @Override
    public void turnStarted(String agent) {
        counter("sandbox.turns.started", "agent", agent).increment();
    }

    @Override
    public void turnEnded(String agent, String outcome, Duration duration, TurnUsage usage) {
        timer("sandbox.turn.duration", TURN_BUCKETS, "agent", agent, "outcome", outcome).record(duration);
        if (usage.inputTokens() > 0) {
            counter("sandbox.tokens", "agent", agent, "kind", "input").increment(usage.inputTokens());
        }
        if (usage.outputTokens() > 0) {
            counter("sandbox.tokens", "agent", agent, "kind", "output").increment(usage.outputTokens());
        }
        if (usage.cachedTokens() > 0) {
            counter("sandbox.tokens", "agent", agent, "kind", "cached").increment(usage.cachedTokens());
        }
        if (usage.costUsd() != null) {
            counter("sandbox.cost.usd", "agent", agent).increment(usage.costUsd().doubleValue());
        }
    }

    @Override
    public void eventAppended(String agent, String type) {
        // once per event: a map hit here instead of Micrometer's lookup (tags sorted and hashed per call)
        eventCounters.computeIfAbsent(agent, a -> new ConcurrentHashMap<>())
                .computeIfAbsent(type, t -> counter("sandbox.events.appended", "agent", agent, "type", t)).increment();
    }

    @Override
    public void requestOpened(String agent, String kind) {
        count(pending(kind), +1, "sandbox.hitl.requested", "agent", agent, "kind", kind);
    }

    @Override
    public void requestResolved(String agent, String kind, String reply, Duration waited) {
        count(pending(kind), -1, "sandbox.hitl.answered", "agent", agent, "kind", kind, "reply", reply);
        timer("sandbox.hitl.answer.time", ANSWER_BUCKETS, "agent", agent, "kind", kind).record(waited);
    }

    private AtomicInteger pending(String kind) {
        return kind.equals("question") ? questionsPending : permissionsPending;
    }

    @Override
    public void agentExited(String agent, Integer exitCode, boolean clean) {
        if (!clean) {
            counter("sandbox.agent.crashes", "agent", agent, "exit_class", exitClass(exitCode)).increment();
        }
    }

    /** 1-125: the agent's own error; 126-127: it could not run; above 128: killed by a signal. */
    static String exitClass(Integer code) {
        if (code == null) {
            return "unknown";
        }
        if (code == 0) {
            return "clean";
        }
        return code < 0 || code > 128 ? "signal" : code >= 126 ? "not_runnable" : "error";
    }

    @Override
    public void installFinished(String agent, String result) {
        counter("sandbox.agent.installs", "agent", agent, "result", result).increment();
    }

    @Override
    public void started(String program) {
        count(processesRunning, +1, "sandbox.agent.processes.started", "program", program);
    }

    @Override
    public void exited(String program, int exitCode) {
        count(processesRunning, -1, "sandbox.agent.processes.exited", "program", program,
                "exit_class", exitClass(exitCode));
    }
}
