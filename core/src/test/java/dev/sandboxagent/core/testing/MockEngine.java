package dev.sandboxagent.core.testing;

import dev.sandboxagent.core.agents.AgentCatalog;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.install.NpmInstaller;
import dev.sandboxagent.core.mock.MockAgentAdapter;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.EngineObserver;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.spi.AgentAdapter;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.store.EventStore;
import dev.sandboxagent.core.store.MemoryEventStore;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A session engine with the mock agent, plus helpers to run turns and read their events. */
public final class MockEngine {

    public final SessionEngine engine;
    public final AgentCatalog agents;

    /** The mock plus any {@code extra} adapters (e.g. the stub process agent). */
    public MockEngine(Path dataDir, AgentAdapter... extra) {
        this(dataDir, new MemoryEventStore(), extra);
    }

    /** As above, with the sessions' logs kept in {@code store}. */
    public MockEngine(Path dataDir, EventStore store, AgentAdapter... extra) {
        this(dataDir, store, Map.of(), EngineObserver.NONE, extra);
    }

    /** Logs kept in {@code store}, observations reported to {@code observer}. */
    public MockEngine(Path dataDir, EventStore store, EngineObserver observer, AgentAdapter... extra) {
        this(dataDir, store, Map.of(), observer, extra);
    }

    /** Like {@link #MockEngine(Path, AgentAdapter...)}, reporting to {@code observer}. */
    public MockEngine(Path dataDir, EngineObserver observer, AgentAdapter... extra) {
        this(dataDir, Map.of(), observer, extra);
    }

    /** Like {@link #MockEngine(Path, EngineObserver, AgentAdapter...)}, with credentials in the agents' environment. */
    public MockEngine(Path dataDir, Map<String, String> environment, EngineObserver observer, AgentAdapter... extra) {
        this(dataDir, new MemoryEventStore(), environment, observer, extra);
    }

    private MockEngine(Path dataDir, EventStore store, Map<String, String> environment, EngineObserver observer,
                       AgentAdapter... extra) {
        List<AgentAdapter> adapters = new java.util.ArrayList<>();
        adapters.add(new MockAgentAdapter());
        adapters.addAll(List.of(extra));
        this.agents = new AgentCatalog(adapters, new NpmInstaller(dataDir), environment, dataDir);
        this.engine = new SessionEngine(agents, dataDir, 0, store, observer);
    }

    /** A mock engine on {@code dataDir} with one mock session, {@code sessionId}, already created. */
    public static MockEngine withSession(Path dataDir, String sessionId) {
        MockEngine mock = new MockEngine(dataDir);
        mock.create(sessionId);
        return mock;
    }

    public void create(String sessionId) {
        engine.createSession(sessionId, CreateSessionRequest.forAgent("mock"));
    }

    /** Posts a message and returns exactly that turn's events (turn.started … turn.ended). */
    public List<UniversalEvent> turn(String sessionId, String message) {
        try (EventStream s = engine.postMessageAndFollowTurn(sessionId, MessageRequest.of(message))) {
            return s.stream().toList();
        }
    }

    /** Reads the session's events from {@code offset} until one matches {@code last} (inclusive). */
    public List<UniversalEvent> readUntil(String sessionId, long offset, Predicate<UniversalEvent> last) {
        return TurnRunner.until(engine, sessionId, offset, last);
    }

    public static Predicate<UniversalEvent> ofType(UniversalEventType type) {
        return e -> e.type() == type;
    }

    public static Predicate<UniversalEvent> turnEnded(String turnId) {
        return e -> e.type() == UniversalEventType.TURN_ENDED && e.data() instanceof TurnEventData t
                && turnId.equals(t.turnId());
    }

    public static List<String> types(List<UniversalEvent> events) {
        return TurnRunner.types(events);
    }
}
