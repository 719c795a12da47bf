package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.engine.SessionEngine;
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
import java.util.function.Predicate;

/** Running turns on an engine and reading their events, with timeouts generous for a loaded machine. */
final class EngineTurns {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private EngineTurns() {
    }

    /** Posts a message and returns exactly that turn's events. */
    static List<UniversalEvent> turn(SessionEngine engine, String sessionId, String message) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (EventStream s = engine.postMessageAndFollowTurn(sessionId, MessageRequest.of(message))) {
            while (!s.isFinished()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("turn did not end within " + TIMEOUT + "; got " + types(out));
                }
                for (UniversalEvent e : s.poll(Duration.ofMillis(500))) {
                    out.add(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return out;
    }

    /** The session's events after {@code offset} up to the first matching {@code last} (inclusive). */
    static List<UniversalEvent> readUntil(SessionEngine engine, String sessionId, long offset,
                                          Predicate<UniversalEvent> last) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (EventStream s = engine.follow(sessionId, offset)) {
            while (Instant.now().isBefore(deadline)) {
                for (UniversalEvent e : s.poll(Duration.ofMillis(500))) {
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
        throw new AssertionError("expected event did not come within " + TIMEOUT + "; got " + types(out));
    }

    static List<UniversalEvent> log(SessionEngine engine, String sessionId) {
        return engine.events(sessionId, 0, Integer.MAX_VALUE).events();
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

    static String output(UniversalItem toolResult) {
        return toolResult.content().stream().filter(p -> p instanceof ContentPart.ToolResult)
                .map(p -> ((ContentPart.ToolResult) p).output()).findFirst().orElse("");
    }

    static Predicate<UniversalEvent> ofType(UniversalEventType type) {
        return e -> e.type() == type;
    }
}
