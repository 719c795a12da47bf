package dev.sandboxagent.core.embed;

import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.port.Sandbox;
import dev.sandboxagent.core.port.SessionInfo;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import dev.sandboxagent.core.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedding API's store choice: in memory (the default) nothing outlives the sandbox; on
 * disk the next sandbox on the same directory brings the sessions back, ended, and continues one.
 */
class EmbeddedStoreTest {

    @TempDir
    Path dir;

    private SandboxAgent.Builder builder() throws Exception {
        return SandboxAgent.embedded().dataDir(dir.resolve("data"))
                .workingDirectory(Files.createDirectories(dir.resolve("work")));
    }

    private static List<UniversalEvent> turn(Sandbox sandbox, String message) {
        try (EventStream s = sandbox.sessions().postMessageAndFollowTurn("s", MessageRequest.of(message))) {
            return s.stream().toList();
        }
    }

    @Test
    void onDiskTheNextSandboxBringsTheSessionsBackAndContinuesOne() throws Exception {
        List<UniversalEvent> before;
        try (Sandbox first = builder().keepEventsOnDisk().build()) {
            first.sessions().createSession("s", CreateSessionRequest.forAgent("mock"));
            turn(first, "text hello");
            before = first.sessions().events("s", 0, 1000).events();
        }
        assertThat(dir.resolve("data/sessions/s/events.idx")).exists();
        try (Sandbox second = builder().keepEventsOnDisk().build()) {
            SessionInfo info = second.sessions().getSession("s");
            assertThat(info.ended()).isTrue();
            List<UniversalEvent> after = second.sessions().events("s", 0, 1000).events();
            assertThat(after.subList(0, before.size())).isEqualTo(before);
            assertThat(after).hasSize(before.size() + 1); // closing the first ended it
            assertThat(after.getLast().type()).isEqualTo(UniversalEventType.SESSION_ENDED);
            List<UniversalEvent> again = turn(second, "text again");
            assertThat(again.getLast().type()).isEqualTo(UniversalEventType.TURN_ENDED);
            assertThat(again.getFirst().sequence()).isGreaterThan(after.getLast().sequence());
            // one process at a time on the directory
            assertThatThrownBy(() -> builder().keepEventsOnDisk().build()).isInstanceOf(StoreException.class)
                    .hasMessageContaining(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void inADirectoryOfItsOwnAndInMemory() throws Exception {
        Path events = dir.resolve("elsewhere");
        try (Sandbox onDisk = builder().keepEventsOnDisk(events).build()) {
            onDisk.sessions().createSession("s", CreateSessionRequest.forAgent("mock"));
        }
        assertThat(events.resolve("s")).isDirectory();
        try (Sandbox inMemory = builder().keepEventsInMemory().build()) {
            inMemory.sessions().createSession("s", CreateSessionRequest.forAgent("mock"));
        }
        try (Sandbox inMemory = builder().build()) {
            assertThat(inMemory.sessions().listSessions()).as("nothing outlives an in-memory sandbox").isEmpty();
        }
        try (Sandbox onDisk = builder().keepEventsOnDisk(events).build()) {
            assertThat(onDisk.sessions().listSessions()).extracting(SessionInfo::sessionId).containsExactly("s");
        }
    }
}
