package dev.sandboxagent.core.jsonrpc;

import static dev.sandboxagent.core.jsonrpc.RecordingHandler.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The exact wire format and edge cases, with an in-memory line writer. */
class JsonRpcPeerTest {

    private final List<String> written = new CopyOnWriteArrayList<>();
    private final RecordingHandler handler = new RecordingHandler();
    private final JsonRpcPeer peer = new JsonRpcPeer(written::add, handler);

    @Test
    void writesRequestsWithIncreasingIdsAndOmitsNullParams() {
        peer.request("first", null);
        peer.request("second", Json.createArrayBuilder().add(1).build());
        peer.notify("note", null);
        assertThat(written).containsExactly(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"first\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"second\",\"params\":[1]}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"note\"}");
        assertThat(peer.pendingRequests()).isEqualTo(2);
    }

    @Test
    void callWaitsForTheResultAndThrowsTheErrorItself() throws Exception {
        // the answers come on another thread, as from the reader thread
        var self = new java.util.concurrent.atomic.AtomicReference<JsonRpcPeer>();
        JsonRpcPeer answering = new JsonRpcPeer(line -> Thread.ofVirtual().start(() -> self.get().onLine(
                line.contains("\"good\"") ? "{\"id\":1,\"result\":{\"ok\":true}}"
                        : "{\"id\":2,\"error\":{\"code\":-32000,\"message\":\"nope\"}}")), handler);
        self.set(answering);
        java.time.Duration limit = java.time.Duration.ofSeconds(30);
        assertThat(answering.call("good", null, limit)).isEqualTo(Json.createObjectBuilder().add("ok", true).build());
        assertThatThrownBy(() -> answering.call("bad", null, limit)).isInstanceOf(JsonRpcErrorException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void writesResultsAndErrors() {
        peer.respond(Json.createValue("a"), null);
        peer.respond(Json.createValue(7), JsonValue.TRUE);
        peer.respondError(Json.createValue(8), -1, "no", null);
        peer.respondError(null, -2, "bad", Json.createValue("why"));
        assertThat(written).containsExactly(
                "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":null}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":true}",
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-1,\"message\":\"no\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-2,\"message\":\"bad\",\"data\":\"why\"}}");
    }

    @Test
    void acceptsMessagesWithoutTheJsonrpcMemberAndStringIds() throws Exception {
        CompletableFuture<JsonValue> first = peer.request("a", null);
        CompletableFuture<JsonValue> second = peer.request("b", null);
        peer.onLine("{\"id\":1,\"result\":{\"x\":1}}");
        peer.onLine("{\"id\":\"2\",\"result\":null}");
        peer.onLine("{\"method\":\"turn/started\",\"params\":{}}");
        peer.onLine("   ");
        assertThat(first).isCompletedWithValue(Json.createObjectBuilder().add("x", 1).build());
        assertThat(second).isCompletedWithValue(JsonValue.NULL);
        assertThat(next(handler.notifications).method()).isEqualTo("turn/started");
        assertThat(handler.unparsed).isEmpty();
    }

    @Test
    void rejectsOtherVersionsBatchesAndMalformedMessages() throws Exception {
        peer.onLine("{\"jsonrpc\":\"1.0\",\"method\":\"x\"}");
        peer.onLine("[{\"jsonrpc\":\"2.0\",\"method\":\"x\"}]");
        peer.onLine("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}");
        peer.onLine("{\"jsonrpc\":\"2.0\",\"id\":5}");
        assertThat(next(handler.unparsed).error()).contains("version");
        assertThat(next(handler.unparsed).error()).contains("batches");
        assertThat(next(handler.unparsed).error()).contains("id must be");
        assertThat(next(handler.unparsed).error()).contains("not a JSON-RPC");
        assertThat(handler.notifications).isEmpty();
        assertThat(handler.requests).isEmpty();
    }

    @Test
    void aThrowingHandlerDoesNotStopDispatchAndFailedRequestsGetAnInternalError() {
        List<String> seen = new CopyOnWriteArrayList<>();
        JsonRpcPeer fragile = new JsonRpcPeer(written::add, new JsonRpcHandler() {
            @Override
            public void onRequest(JsonValue id, String method, JsonValue params, JsonObject raw) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onNotification(String method, JsonValue params, JsonObject raw) {
                seen.add(method);
                throw new IllegalStateException("boom");
            }

            @Override
            public void onUnparsed(String line, String error) {
                throw new IllegalStateException("boom");
            }
        });
        fragile.onLine("{\"method\":\"one\"}");
        fragile.onLine("not json");
        fragile.onLine("{\"id\":\"r1\",\"method\":\"approve\"}");
        fragile.onLine("{\"method\":\"two\"}");
        assertThat(seen).containsExactly("one", "two");
        assertThat(written).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"error\":{\"code\":-32603,")
                .contains("boom"));
    }

    @Test
    void aFailingWriterFailsTheRequestAndLeavesNothingPending() {
        JsonRpcPeer broken = new JsonRpcPeer(line -> {
            throw new IllegalStateException("pipe gone");
        }, handler);
        assertThat(broken.request("x", null)).isCompletedExceptionally();
        assertThat(broken.pendingRequests()).isZero();
        assertThatThrownBy(() -> broken.notify("y", null)).hasMessage("pipe gone");
    }

    @Test
    void closeIsIdempotentAndKeepsTheFirstCause() {
        CompletableFuture<JsonValue> pending = peer.request("x", null);
        peer.close(new IllegalStateException("first"));
        peer.close(new IllegalStateException("second"));
        assertThat(pending).isCompletedExceptionally();
        assertThatThrownBy(pending::join).cause()
                .isInstanceOf(JsonRpcClosedException.class).hasMessageContaining("first");
        assertThatThrownBy(() -> peer.respond(Json.createValue(1), null)).isInstanceOf(JsonRpcClosedException.class);
    }
}
