package dev.sandboxagent.core.contract;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.AgentService;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.Sandbox;
import dev.sandboxagent.core.port.SessionService;
import dev.sandboxagent.core.schema.ItemDeltaData;
import dev.sandboxagent.core.schema.ItemEventData;
import dev.sandboxagent.core.schema.ItemRole;
import dev.sandboxagent.core.schema.TurnEventData;
import dev.sandboxagent.core.schema.UniversalEvent;
import dev.sandboxagent.core.schema.UniversalEventType;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every part of the ports' contract shares: a fresh {@link Sandbox} per test, opened by the
 * implementation under test, and the helpers the scenarios use. The scenarios are in
 * {@link SessionEndContract} and {@link SandboxContractKit}.
 */
@Timeout(120)
public abstract class ContractKitBase {

    @TempDir
    protected Path dir;
    private Sandbox sandbox;
    protected SessionService sessions;
    protected AgentService agents;

    /** A fresh sandbox with (at least) the mock agent, whose data and default directory are under {@code dir}. */
    protected abstract Sandbox open(Path dir) throws Exception;

    @BeforeEach
    void openSandbox() throws Exception {
        sandbox = open(dir);
        sessions = sandbox.sessions();
        agents = sandbox.agents();
    }

    @AfterEach
    void closeSandbox() {
        sandbox.close();
    }

    // ---- helpers -------------------------------------------------------------------------

    protected static void assertType(ThrowableAssert.ThrowingCallable call, ErrorType type) {
        assertType(call, type, ErrorKind.AS_TYPED);
    }

    protected static void assertType(ThrowableAssert.ThrowingCallable call, ErrorType type, ErrorKind kind) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SandboxException.class, e -> {
            assertThat(e.type()).as("error type of %s", e.getMessage()).isEqualTo(type);
            assertThat(e.kind()).as("error kind of %s", e.getMessage()).isEqualTo(kind);
        });
    }

    protected static Predicate<UniversalEvent> ofType(UniversalEventType type) {
        return e -> e.type() == type;
    }

    protected static Predicate<UniversalEvent> turnEnded(String turnId) {
        return e -> e.type() == UniversalEventType.TURN_ENDED && e.data() instanceof TurnEventData t
                && turnId.equals(t.turnId());
    }

    /** The events up to the first that matches {@code last} (inclusive); closes the stream. */
    protected static List<UniversalEvent> readUntil(EventStream stream, Predicate<UniversalEvent> last) {
        try (stream) {
            List<UniversalEvent> out = new ArrayList<>();
            Iterator<UniversalEvent> it = stream.stream().iterator();
            while (it.hasNext()) {
                UniversalEvent e = it.next();
                out.add(e);
                if (last.test(e)) {
                    return out;
                }
            }
            throw new AssertionError("the stream finished without the awaited event; got " + out.size() + " events");
        }
    }

    protected static UniversalEvent next(Iterator<UniversalEvent> it, Predicate<UniversalEvent> wanted) {
        while (it.hasNext()) {
            UniversalEvent e = it.next();
            if (wanted.test(e)) {
                return e;
            }
        }
        throw new AssertionError("the stream finished without the awaited event");
    }

    protected static List<Long> sequences(List<UniversalEvent> events) {
        return events.stream().map(UniversalEvent::sequence).toList();
    }

    /** The assistant's text: its deltas joined. */
    protected static String text(List<UniversalEvent> events) {
        StringBuilder b = new StringBuilder();
        events.stream().filter(e -> e.data() instanceof ItemDeltaData).forEach(e -> b.append(((ItemDeltaData) e.data()).delta()));
        return b.toString().strip();
    }

    /** The text of the assistant's last completed item. */
    protected static String lastReply(List<UniversalEvent> events) {
        return events.stream().filter(e -> e.type() == UniversalEventType.ITEM_COMPLETED)
                .map(e -> ((ItemEventData) e.data()).item()).filter(i -> i.role() == ItemRole.ASSISTANT)
                .reduce((a, b) -> b).orElseThrow().text();
    }
}
