package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.schema.UniversalItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Small helpers to drive sessions of an engine and read their events in tests. */
final class Turns {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Turns() {
    }

    static String create(SessionEngine engine, String directory, String permissionMode, String agentMode) {
        String id = "codex-test-" + COUNTER.incrementAndGet();
        engine.createSession(id, new CreateSessionRequest(CodexAdapter.ID, agentMode, null, directory, null, null,
                permissionMode, null, null, null));
        return id;
    }

    /** Posts a message and returns that turn's events. */
    static List<UniversalEvent> turn(SessionEngine engine, String session, String message) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (EventStream s = engine.postMessageAndFollowTurn(session, MessageRequest.of(message))) {
            while (!s.isFinished()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("turn did not end; got " + types(out));
                }
                out.addAll(s.poll(Duration.ofMillis(200)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return out;
    }

    /** Events after {@code offset} up to the first that matches {@code last}. */
    static List<UniversalEvent> until(SessionEngine engine, String session, long offset, Predicate<UniversalEvent> last) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (EventStream s = engine.follow(session, offset)) {
            while (Instant.now().isBefore(deadline)) {
                for (UniversalEvent e : s.poll(Duration.ofMillis(200))) {
                    out.add(e);
                    if (last.test(e)) {
                        return out;
                    }
                }
                if (s.isFinished()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("expected event did not come; got " + types(out));
    }

    static Predicate<UniversalEvent> ofType(UniversalEventType type) {
        return e -> e.type() == type;
    }

    static List<String> types(List<UniversalEvent> events) {
        return events.stream().map(e -> e.type().wire()).toList();
    }

    static List<UniversalItem> completed(List<UniversalEvent> events) {
        return events.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED)
                .map(e -> ((ItemEventData) e.data()).item()).toList();
    }

    static List<UniversalItem> completed(List<UniversalEvent> events, ItemKind kind) {
        return completed(events).stream().filter(i -> i.kind() == kind).toList();
    }

    static <T extends ContentPart> List<T> parts(List<UniversalItem> items, Class<T> type) {
        return items.stream().flatMap(i -> i.content().stream()).filter(type::isInstance).map(type::cast).toList();
    }

    static <T> List<T> data(List<UniversalEvent> events, UniversalEventType type, Class<T> data) {
        return events.stream().filter(e -> e.type() == type).map(e -> data.cast(e.data())).toList();
    }

    static String lastText(List<UniversalEvent> events) {
        return completed(events, ItemKind.MESSAGE).stream().map(UniversalItem::text).filter(t -> !t.isEmpty())
                .reduce((a, b) -> b).orElse("");
    }
}
