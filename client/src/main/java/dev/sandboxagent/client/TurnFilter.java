package dev.sandboxagent.client;

import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;

/**
 * Picks one turn's events out of a session's log, as the engine's turn stream does: from that
 * turn's {@code turn.started} to the next {@code turn.ended} (or {@code session.ended}, which
 * also ends it when the session ended before the turn could run).
 */
final class TurnFilter {

    private final String turnId;
    private boolean inTurn;
    private boolean finished;

    TurnFilter(String turnId) {
        this.turnId = turnId;
    }

    /** Whether {@code e} belongs to the turn; call in log order. */
    boolean accept(UniversalEvent e) {
        if (finished) {
            return false;
        }
        UniversalEventType type = e.type();
        if (!inTurn) {
            if (type == UniversalEventType.TURN_STARTED && e.data() instanceof TurnEventData t
                    && turnId.equals(t.turnId())) {
                inTurn = true;
                return true;
            }
            if (type == UniversalEventType.SESSION_ENDED) {
                finished = true;
                return true;
            }
            return false;
        }
        if (type == UniversalEventType.TURN_ENDED || type == UniversalEventType.SESSION_ENDED) {
            finished = true;
        }
        return true;
    }

    boolean finished() {
        return finished;
    }
}
