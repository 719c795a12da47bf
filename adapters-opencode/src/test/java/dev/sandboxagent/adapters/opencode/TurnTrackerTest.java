package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TurnTrackerTest {

    static JsonObject ev(String json) {
        return Jsons.parse(json.replace('\'', '"')).asJsonObject();
    }

    static final JsonObject IDLE = ev("{'type':'session.idle','properties':{'sessionID':'s'}}");

    static JsonObject message(String id, String role, String parent, boolean completed) {
        return ev("{'type':'message.updated','properties':{'sessionID':'s','info':{'id':'" + id + "','role':'" + role
                + "'" + (parent == null ? "" : ",'parentID':'" + parent + "'")
                + (completed ? ",'time':{'created':1,'completed':2},'finish':'stop'" : ",'time':{'created':1}") + "}}}");
    }

    @Test
    void idleOfThePreviousTurnIsIgnoredAndALateFinalMessageIsAwaited() {
        TurnTracker t = new TurnTracker();
        t.begin();
        assertThat(t.accept(IDLE)).as("stale idle").isFalse();
        assertThat(t.waitingForMessages()).isFalse();
        assertThat(t.accept(message("u1", "user", null, false))).isFalse();
        assertThat(t.accept(message("a1", "assistant", "u1", false))).isFalse();
        assertThat(t.accept(IDLE)).isFalse();
        assertThat(t.waitingForMessages()).isTrue();
        assertThat(t.accept(message("a1", "assistant", "u1", true))).isTrue();
        assertThat(t.active()).isFalse();
        assertThat(t.endMetadata().getString("stop_reason")).isEqualTo("stop");
    }

    @Test
    void updatesOfAnEarlierUserMessageDoNotStartTheNextTurn() {
        TurnTracker t = new TurnTracker();
        t.begin();
        t.accept(message("u1", "user", null, false));
        t.accept(message("a1", "assistant", "u1", true));
        assertThat(t.accept(IDLE)).isTrue();
        t.begin();
        t.accept(message("u1", "user", null, false)); // a summary update of the first prompt
        assertThat(t.accept(IDLE)).isFalse();
        t.accept(message("u2", "user", null, false));
        t.accept(message("a2", "assistant", "u2", true));
        assertThat(t.accept(IDLE)).isTrue();
    }

    @Test
    void busyAfterIdleMeansTheLoopGoesOn() {
        TurnTracker t = new TurnTracker();
        t.begin();
        t.accept(message("u1", "user", null, false));
        t.accept(message("a1", "assistant", "u1", false));
        t.accept(IDLE);
        t.accept(ev("{'type':'session.status','properties':{'sessionID':'s','status':{'type':'busy'}}}"));
        assertThat(t.accept(message("a1", "assistant", "u1", true))).isFalse();
        assertThat(t.accept(ev("{'type':'session.status','properties':{'sessionID':'s','status':{'type':'idle'}}}")))
                .isTrue();
    }
}
