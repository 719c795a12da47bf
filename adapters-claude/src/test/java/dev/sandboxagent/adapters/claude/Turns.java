package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.port.SessionService;
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

/** Driving sessions through the session port and reading their universal events. */
final class Turns {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private Turns() {
    }

    /** Posts a message and returns that turn's events, turn.started … turn.ended. */
    static List<UniversalEvent> turn(SessionService sessions, String sessionId, String text) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (EventStream s = sessions.postMessageAndFollowTurn(sessionId, MessageRequest.of(text))) {
            while (!s.isFinished()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("turn did not end within " + TIMEOUT + "; got " + types(out));
                }
                out.addAll(s.poll(Duration.ofMillis(500)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return out;
    }

    /** Events after {@code offset} up to and including the first that matches. */
    static List<UniversalEvent> until(SessionService sessions, String sessionId, long offset,
                                      Predicate<UniversalEvent> last) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (EventStream s = sessions.follow(sessionId, offset)) {
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

    static Predicate<UniversalEvent> is(UniversalEventType type) {
        return e -> e.type() == type;
    }

    static long size(SessionService sessions, String sessionId) {
        return sessions.getSession(sessionId).eventCount();
    }

    static List<String> types(List<UniversalEvent> events) {
        return events.stream().map(e -> e.type().wire()).toList();
    }

    static List<UniversalItem> completed(List<UniversalEvent> events, ItemKind kind) {
        return events.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED)
                .map(e -> ((ItemEventData) e.data()).item()).filter(i -> i.kind() == kind).toList();
    }

    static String lastText(List<UniversalEvent> events) {
        List<UniversalItem> messages = completed(events, ItemKind.MESSAGE).stream()
                .filter(i -> !i.text().isEmpty()).toList();
        return messages.isEmpty() ? "" : messages.getLast().text();
    }

    static String output(UniversalItem toolResult) {
        return ((ContentPart.ToolResult) toolResult.content().getFirst()).output();
    }

    @SuppressWarnings("unchecked")
    static <T> T data(UniversalEvent e) {
        return (T) e.data();
    }
}
