package dev.sandboxagent.core.conformance;

import dev.sandboxagent.core.schema.ItemDeltaData;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.PermissionEventData;
import dev.sandboxagent.core.schema.QuestionEventData;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema's invariants over a whole session log, checked after every conformance scenario:
 * whatever the adapter did, the normaliser must have kept these.
 */
public final class EventInvariants {

    private EventInvariants() {
    }

    public static void check(List<UniversalEvent> log) {
        assertThat(log).as("log").isNotEmpty();
        assertThat(log.getFirst().type()).as("first event").isEqualTo(UniversalEventType.SESSION_STARTED);
        Set<String> eventIds = new HashSet<>();
        Map<String, String> itemState = new HashMap<>(); // item id -> "open" | "done"
        Set<String> permissionsOpen = new HashSet<>();
        Set<String> permissionsDone = new HashSet<>();
        Set<String> questionsOpen = new HashSet<>();
        Set<String> questionsDone = new HashSet<>();
        String turn = null;
        boolean ended = false;
        for (int i = 0; i < log.size(); i++) {
            UniversalEvent e = log.get(i);
            String where = "event " + e.sequence() + " (" + e.type().wire() + ")";
            assertThat(e.sequence()).as(where + " sequence").isEqualTo(i + 1L);
            assertThat(eventIds.add(e.eventId())).as(where + " unique event_id").isTrue();
            assertThat(ended).as(where + " after session.ended").isFalse();
            assertThat(e.synthetic()).as(where + " synthetic iff source daemon")
                    .isEqualTo(e.source() == dev.sandboxagent.core.schema.EventSource.DAEMON);
            switch (e.type()) {
                case SESSION_STARTED -> assertThat(i).as(where + " only first").isZero();
                case SESSION_ENDED -> {
                    assertThat(turn).as(where + " with a turn open").isNull();
                    ended = true;
                }
                case TURN_STARTED -> {
                    assertThat(turn).as(where + " while turn open").isNull();
                    turn = ((TurnEventData) e.data()).turnId();
                }
                case TURN_ENDED -> {
                    assertThat(turn).as(where + " without an open turn").isNotNull();
                    assertThat(((TurnEventData) e.data()).turnId()).as(where + " turn id").isEqualTo(turn);
                    turn = null;
                }
                case ITEM_STARTED -> {
                    String id = ((ItemEventData) e.data()).item().itemId();
                    assertThat(itemState).as(where + " item started twice: " + id).doesNotContainKey(id);
                    itemState.put(id, "open");
                }
                case ITEM_DELTA -> assertThat(itemState.get(((ItemDeltaData) e.data()).itemId()))
                        .as(where + " delta of an item not open").isEqualTo("open");
                case ITEM_COMPLETED -> {
                    String id = ((ItemEventData) e.data()).item().itemId();
                    assertThat(itemState.get(id)).as(where + " completion of an item not open: " + id).isEqualTo("open");
                    itemState.put(id, "done");
                }
                case PERMISSION_REQUESTED -> permissionsOpen.add(((PermissionEventData) e.data()).permissionId());
                case PERMISSION_RESOLVED -> {
                    String id = ((PermissionEventData) e.data()).permissionId();
                    assertThat(permissionsOpen.remove(id)).as(where + " resolves an open permission").isTrue();
                    assertThat(permissionsDone.add(id)).as(where + " resolved once").isTrue();
                }
                case QUESTION_REQUESTED -> questionsOpen.add(((QuestionEventData) e.data()).questionId());
                case QUESTION_RESOLVED -> {
                    String id = ((QuestionEventData) e.data()).questionId();
                    assertThat(questionsOpen.remove(id)).as(where + " resolves an open question").isTrue();
                    assertThat(questionsDone.add(id)).as(where + " resolved once").isTrue();
                }
                default -> {
                }
            }
        }
        if (turn == null) {
            assertThat(itemState).as("items left open after the last turn ended").doesNotContainValue("open");
        }
    }
}
