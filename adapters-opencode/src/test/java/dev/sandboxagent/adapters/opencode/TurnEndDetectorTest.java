package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.testing.RecordingSink;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The detector over core's turn record (a RecordingSink opening turns as the engine would). */
class TurnEndDetectorTest {

    private final RecordingSink sink = new RecordingSink();
    private final TurnEndDetector t = new TurnEndDetector(sink::openTurn);

    static JsonObject ev(String json) {
        return Jsons.parse(json.replace('\'', '"')).asJsonObject();
    }

    static final JsonObject IDLE = ev("{'type':'session.idle','properties':{'sessionID':'s'}}");

    static JsonObject message(String id, String role, String parent, boolean completed) {
        return ev("{'type':'message.updated','properties':{'sessionID':'s','info':{'id':'" + id + "','role':'" + role
                + "'" + (parent == null ? "" : ",'parentID':'" + parent + "'")
                + (completed ? ",'time':{'created':1,'completed':2},'finish':'stop'" : ",'time':{'created':1}") + "}}}");
    }

    /** The engine opens a turn, the adapter sends its prompt. */
    private void prompt(String turnId) {
        sink.beginTurn(turnId);
        t.begin(turnId);
    }

    /** What the session does when the detector says the answer is complete. */
    private boolean acceptAndEnd(JsonObject event) {
        boolean over = t.accept(event);
        if (over) {
            sink.turnEnded(t.endMetadata(), event);
        }
        return over;
    }

    @Test
    void idleOfThePreviousTurnIsIgnoredAndALateFinalMessageIsAwaited() {
        prompt("turn_1");
        assertThat(acceptAndEnd(IDLE)).as("stale idle").isFalse();
        assertThat(t.waitingForMessages()).isFalse();
        assertThat(acceptAndEnd(message("u1", "user", null, false))).isFalse();
        assertThat(acceptAndEnd(message("a1", "assistant", "u1", false))).isFalse();
        assertThat(acceptAndEnd(IDLE)).isFalse();
        assertThat(t.waitingForMessages()).isTrue();
        assertThat(acceptAndEnd(message("a1", "assistant", "u1", true))).isTrue();
        assertThat(t.endMetadata().getString("stop_reason")).isEqualTo("stop");
        assertThat(acceptAndEnd(IDLE)).as("a second idle after the end: core has no turn open").isFalse();
        assertThat(sink.of("turnEnded")).hasSize(1);
    }

    @Test
    void updatesOfAnEarlierUserMessageDoNotStartTheNextTurn() {
        prompt("turn_1");
        acceptAndEnd(message("u1", "user", null, false));
        acceptAndEnd(message("a1", "assistant", "u1", true));
        assertThat(acceptAndEnd(IDLE)).isTrue();
        prompt("turn_2");
        acceptAndEnd(message("u1", "user", null, false)); // a summary update of the first prompt
        assertThat(acceptAndEnd(IDLE)).isFalse();
        acceptAndEnd(message("u2", "user", null, false));
        acceptAndEnd(message("a2", "assistant", "u2", true));
        assertThat(acceptAndEnd(IDLE)).isTrue();
    }

    @Test
    void busyAfterIdleMeansTheLoopGoesOn() {
        prompt("turn_1");
        acceptAndEnd(message("u1", "user", null, false));
        acceptAndEnd(message("a1", "assistant", "u1", false));
        acceptAndEnd(IDLE);
        acceptAndEnd(ev("{'type':'session.status','properties':{'sessionID':'s','status':{'type':'busy'}}}"));
        assertThat(acceptAndEnd(message("a1", "assistant", "u1", true))).isFalse();
        assertThat(acceptAndEnd(ev("{'type':'session.status','properties':{'sessionID':'s','status':{'type':'idle'}}}")))
                .isTrue();
    }

    @Test
    void eventsBeforeTheNextPromptIsSentAreNotTakenForItsAnswer() {
        prompt("turn_1");
        acceptAndEnd(message("u1", "user", null, false));
        acceptAndEnd(message("a1", "assistant", "u1", true));
        assertThat(acceptAndEnd(IDLE)).isTrue();
        sink.beginTurn("turn_2"); // core opened the next turn; the adapter has not sent its prompt yet
        assertThat(acceptAndEnd(IDLE)).as("the aborted turn's second idle").isFalse();
        t.begin("turn_2");
        assertThat(acceptAndEnd(IDLE)).isFalse();
        assertThat(sink.openTurn()).isEqualTo("turn_2");
    }

    @Test
    void withoutAnOpenTurnNothingEnds() {
        t.begin("turn_1");
        acceptAndEnd(message("u1", "user", null, false));
        acceptAndEnd(message("a1", "assistant", "u1", true));
        assertThat(acceptAndEnd(IDLE)).isFalse();
        assertThat(t.waitingForMessages()).isFalse();
    }
}
