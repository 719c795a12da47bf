package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.engine.SessionEngine;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemKind;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.schema.UniversalItem;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating sessions and running turns through the engine, for the tests with the real CLI. */
final class Turns {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Turns() {
    }

    static String create(SessionEngine engine, String permissionMode, String agentMode, String model, Path directory) {
        String id = "oc-" + COUNTER.incrementAndGet();
        engine.createSession(id, new CreateSessionRequest(OpencodeAdapter.ID, agentMode, null,
                directory == null ? null : directory.toString(), null, model, permissionMode, null, null, null));
        return id;
    }

    static List<UniversalEvent> turn(SessionEngine engine, String session, String message) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(90);
        try (EventStream s = engine.postMessageAndFollowTurn(session, MessageRequest.of(message))) {
            while (!s.isFinished() && Instant.now().isBefore(deadline)) {
                out.addAll(s.poll(Duration.ofMillis(500)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(out).as("turn ended").isNotEmpty().last().matches(e -> e.type() == UniversalEventType.TURN_ENDED);
        return out;
    }

    static List<UniversalEvent> readUntil(SessionEngine engine, String session, long offset, Predicate<UniversalEvent> last) {
        List<UniversalEvent> out = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(90);
        try (EventStream s = engine.follow(session, offset)) {
            while (Instant.now().isBefore(deadline) && !s.isFinished()) {
                for (UniversalEvent e : s.poll(Duration.ofMillis(500))) {
                    out.add(e);
                    if (last.test(e)) {
                        return out;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no matching event; got " + out.stream().map(e -> e.type().wire()).toList());
    }

    static List<UniversalItem> completed(List<UniversalEvent> events) {
        return events.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED)
                .map(e -> ((ItemEventData) e.data()).item()).toList();
    }

    static String lastText(List<UniversalEvent> events) {
        return completed(events).stream().filter(i -> i.kind() == ItemKind.MESSAGE && !i.text().isEmpty())
                .reduce((a, b) -> b).map(UniversalItem::text).orElse("");
    }

    static List<String> types(List<UniversalEvent> events) {
        return events.stream().map(e -> e.type().wire()).toList();
    }
}
