package dev.sandboxagent.core.jsonrpc;

import static dev.sandboxagent.core.jsonrpc.RecordingHandler.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sandboxagent.core.process.AgentProcess;
import dev.sandboxagent.core.process.LaunchSpec;
import dev.sandboxagent.core.process.TestJvm;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JsonRpcPeer talking to {@link EchoJsonRpcServer} running as a real subprocess. */
class JsonRpcPeerProcessTest {

    private final RecordingHandler handler = new RecordingHandler();
    private final CompletableFuture<Integer> serverExit = new CompletableFuture<>();
    private AgentProcess server;
    private JsonRpcPeer peer;

    @BeforeEach
    void startServer(@TempDir Path dir) {
        AtomicReference<AgentProcess> process = new AtomicReference<>();
        peer = new JsonRpcPeer(line -> process.get().writeLine(line), handler);
        LaunchSpec spec = LaunchSpec.builder().command(TestJvm.command(EchoJsonRpcServer.class)).directory(dir).build();
        process.set(AgentProcess.start(spec, peer::onLine, (code, stderr) -> {
            peer.close(new IOException("server exited with code " + code + ": " + stderr.text()));
            serverExit.complete(code);
        }));
        server = process.get();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static JsonValue await(CompletableFuture<JsonValue> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static JsonObject obj(String key, int value) {
        return Json.createObjectBuilder().add(key, value).build();
    }

    @Test
    void matchesConcurrentRequestsFromSeveralThreadsToTheirResponses() throws Exception {
        List<CompletableFuture<JsonValue>> futures = new ArrayList<>();
        List<JsonObject> params = new ArrayList<>();
        List<Thread> threads = IntStream.range(0, 8).mapToObj(t -> Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 25; i++) {
                JsonObject p = Json.createObjectBuilder().add("thread", t).add("n", i).build();
                CompletableFuture<JsonValue> f = peer.request("echo", p);
                synchronized (futures) {
                    futures.add(f);
                    params.add(p);
                }
            }
        })).toList();
        for (Thread thread : threads) {
            thread.join();
        }
        for (int i = 0; i < futures.size(); i++) {
            assertThat(await(futures.get(i))).isEqualTo(params.get(i));
        }
        assertThat(futures).hasSize(200);
        assertThat(peer.pendingRequests()).isZero();
    }

    @Test
    void matchesResponsesThatArriveOutOfOrder() throws Exception {
        List<CompletableFuture<JsonValue>> held = IntStream.range(0, 3)
                .mapToObj(i -> peer.request("hold", obj("tag", i))).toList();
        assertThat(await(peer.request("release", null))).isEqualTo(Json.createValue(3));
        for (int i = 0; i < held.size(); i++) {
            assertThat(await(held.get(i)).asJsonObject().getJsonObject("params")).isEqualTo(obj("tag", i));
        }
    }

    @Test
    void errorResponsesFailTheFutureWithCodeMessageAndData() {
        JsonObject params = obj("why", 42);
        assertThatThrownBy(() -> await(peer.request("fail", params)))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(JsonRpcErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32042);
                    assertThat(e.errorMessage()).isEqualTo("failed on purpose");
                    assertThat(e.data()).isEqualTo(params);
                });
        assertThatThrownBy(() -> await(peer.request("nope", null)))
                .cause()
                .isInstanceOfSatisfying(JsonRpcErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo(JsonRpcErrorCodes.METHOD_NOT_FOUND);
                    assertThat(e.data()).isNull();
                });
    }

    @Test
    void answersRequestsFromTheServer() throws Exception {
        CompletableFuture<JsonValue> approved = peer.request("ask", obj("tool", 1));
        RecordingHandler.Request ask = next(handler.requests);
        assertThat(ask.method()).isEqualTo("approve");
        assertThat(ask.params()).isEqualTo(obj("tool", 1));
        assertThat(ask.id()).isEqualTo(Json.createValue("srv-1"));
        Thread.ofVirtual().start(() -> peer.respond(ask.id(), obj("approved", 1))).join();
        assertThat(await(approved)).isEqualTo(Json.createObjectBuilder().add("clientSaid", obj("approved", 1)).build());

        CompletableFuture<JsonValue> denied = peer.request("ask", null);
        RecordingHandler.Request second = next(handler.requests);
        assertThat(second.params()).isEqualTo(JsonValue.NULL);
        peer.respondError(second.id(), 4001, "denied", null);
        assertThat(await(denied).asJsonObject().getJsonObject("clientSaid"))
                .isEqualTo(Json.createObjectBuilder().add("code", 4001).add("message", "denied").build());
    }

    @Test
    void deliversNotificationsInOrderBeforeTheResponseThatFollowsThem() throws Exception {
        assertThat(await(peer.request("stream", obj("count", 200)))).isEqualTo(Json.createValue(200));
        List<RecordingHandler.Notification> ticks = new ArrayList<>();
        handler.notifications.drainTo(ticks);
        assertThat(ticks).hasSize(200);
        for (int i = 0; i < ticks.size(); i++) {
            assertThat(ticks.get(i)).isEqualTo(new RecordingHandler.Notification("tick", obj("n", i + 1)));
        }
    }

    @Test
    void sendsNotificationsInOrder() throws Exception {
        peer.notify("note", obj("i", 1));
        peer.notify("note", obj("i", 2));
        peer.notify("note", null);
        assertThat(await(peer.request("notes", null)))
                .isEqualTo(Json.createArrayBuilder().add(obj("i", 1)).add(obj("i", 2)).add(JsonValue.NULL).build());
    }

    @Test
    void reportsGarbageUnknownMessagesAndUnknownIdsAsUnparsed() throws Exception {
        assertThat(await(peer.request("garbage", null))).isEqualTo(Json.createValue("ok"));
        List<RecordingHandler.Unparsed> unparsed = new ArrayList<>();
        handler.unparsed.drainTo(unparsed);
        assertThat(unparsed).extracting(RecordingHandler.Unparsed::line).containsExactly(
                "this is not json {",
                "{\"hello\":\"world\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":987654,\"result\":true}");
        assertThat(unparsed.get(0).error()).startsWith("not JSON");
        assertThat(unparsed.get(1).error()).contains("not a JSON-RPC");
        assertThat(unparsed.get(2).error()).contains("unknown request id 987654");
        assertThat(await(peer.request("echo", obj("still", 1)))).isEqualTo(obj("still", 1));
    }

    @Test
    void timesOutARequestWithoutResponseAndKeepsWorking() throws Exception {
        CompletableFuture<JsonValue> silent = peer.request("silent", null, Duration.ofMillis(300));
        assertThatThrownBy(() -> await(silent))
                .cause()
                .isInstanceOfSatisfying(JsonRpcTimeoutException.class, e -> {
                    assertThat(e.method()).isEqualTo("silent");
                    assertThat(e.getMessage()).contains("silent", "PT0.3S");
                });
        assertThat(peer.pendingRequests()).isZero();
        assertThat(await(peer.request("echo", obj("after", 1), Duration.ofSeconds(30)))).isEqualTo(obj("after", 1));
    }

    @Test
    void closingWhenTheServerExitsFailsPendingRequests() throws Exception {
        CompletableFuture<JsonValue> silent = peer.request("silent", null);
        CompletableFuture<JsonValue> exit = peer.request("exit", obj("code", 3));
        assertThat(serverExit.get(30, TimeUnit.SECONDS)).isEqualTo(3);

        for (CompletableFuture<JsonValue> future : List.of(silent, exit)) {
            assertThatThrownBy(() -> await(future))
                    .cause()
                    .isInstanceOf(JsonRpcClosedException.class)
                    .hasMessageContaining("code 3")
                    .cause().isInstanceOf(IOException.class);
        }
        assertThat(peer.isClosed()).isTrue();
        assertThat(peer.pendingRequests()).isZero();
        assertThat(peer.request("echo", null)).isCompletedExceptionally();
        assertThatThrownBy(() -> peer.notify("note", null)).isInstanceOf(JsonRpcClosedException.class);
    }
}
