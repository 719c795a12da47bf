package dev.sandboxagent.core.testing;

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

/**
 * Drives sessions through the session port and reads their universal events, for tests of
 * real agents (turns of a real CLI against a scripted model take seconds, hence the timeout).
 */
public final class TurnRunner {

    public static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(200);

    private TurnRunner() {
    }

    /** Posts a message and returns that turn's events, turn.started … turn.ended. */
    public static List<UniversalEvent> turn(SessionService sessions, String sessionId, String text) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (EventStream s = sessions.postMessageAndFollowTurn(sessionId, MessageRequest.of(text))) {
            while (!s.isFinished()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("turn did not end within " + TIMEOUT + "; got " + types(out));
                }
                out.addAll(s.poll(POLL));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return out;
    }

    /** Events after {@code offset} up to and including the first that matches {@code last}. */
    public static List<UniversalEvent> until(SessionService sessions, String sessionId, long offset,
                                             Predicate<UniversalEvent> last) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(TIMEOUT);
        try (EventStream s = sessions.follow(sessionId, offset)) {
            while (Instant.now().isBefore(deadline)) {
                for (UniversalEvent e : s.poll(POLL)) {
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

    /**
     * Polls until {@code count} more events came (a batch may bring more); fails when the
     * stream finishes first or after {@link #TIMEOUT}. For streams that stay open, such as
     * live followers after a session's end.
     */
    public static List<UniversalEvent> take(EventStream s, long count) throws InterruptedException {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (out.size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(out.size() + " of " + count + " events within " + TIMEOUT + ": " + types(out));
            }
            if (s.isFinished()) {
                throw new AssertionError("the stream finished after " + out.size() + " of " + count + " events");
            }
            out.addAll(s.poll(POLL));
        }
        return out;
    }

    /** The session's whole log so far. */
    public static List<UniversalEvent> log(SessionService sessions, String sessionId) {
        return sessions.events(sessionId, 0, Integer.MAX_VALUE).events();
    }

    public static long size(SessionService sessions, String sessionId) {
        return sessions.getSession(sessionId).eventCount();
    }

    public static Predicate<UniversalEvent> ofType(UniversalEventType type) {
        return e -> e.type() == type;
    }

    public static List<String> types(List<UniversalEvent> events) {
        return events.stream().map(e -> e.type().wire()).toList();
    }

    public static List<UniversalItem> completed(List<UniversalEvent> events) {
        return events.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED)
                .map(e -> ((ItemEventData) e.data()).item()).toList();
    }

    public static List<UniversalItem> completed(List<UniversalEvent> events, ItemKind kind) {
        return completed(events).stream().filter(i -> i.kind() == kind).toList();
    }

    /** The text of the last completed message that has text, or "". */
    public static String lastText(List<UniversalEvent> events) {
        return completed(events, ItemKind.MESSAGE).stream().map(UniversalItem::text).filter(t -> !t.isEmpty())
                .reduce((a, b) -> b).orElse("");
    }

    /** A tool result item's output (its first tool_result part), or "". */
    public static String output(UniversalItem toolResult) {
        return toolResult.content().stream().filter(p -> p instanceof ContentPart.ToolResult)
                .map(p -> ((ContentPart.ToolResult) p).output()).findFirst().orElse("");
    }

    public static <T extends ContentPart> List<T> parts(List<UniversalItem> items, Class<T> type) {
        return items.stream().flatMap(i -> i.content().stream()).filter(type::isInstance).map(type::cast).toList();
    }

    /** The data of the events of {@code type}. */
    public static <T> List<T> data(List<UniversalEvent> events, UniversalEventType type, Class<T> data) {
        return events.stream().filter(e -> e.type() == type).map(e -> data.cast(e.data())).toList();
    }

    @SuppressWarnings("unchecked")
    public static <T> T data(UniversalEvent e) {
        return (T) e.data();
    }
}
