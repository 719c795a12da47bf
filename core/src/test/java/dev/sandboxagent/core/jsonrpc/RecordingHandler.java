package dev.sandboxagent.core.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link JsonRpcHandler} that queues everything it receives, for assertions in tests. */
final class RecordingHandler implements JsonRpcHandler {

    record Request(JsonValue id, String method, JsonValue params) {
    }

    record Notification(String method, JsonValue params) {
    }

    record Unparsed(String line, String error) {
    }

    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    final BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
    final BlockingQueue<Unparsed> unparsed = new LinkedBlockingQueue<>();

    @Override
    public void onRequest(JsonValue id, String method, JsonValue params, JsonObject raw) {
        requests.add(new Request(id, method, params));
    }

    @Override
    public void onNotification(String method, JsonValue params, JsonObject raw) {
        notifications.add(new Notification(method, params));
    }

    @Override
    public void onUnparsed(String line, String error) {
        unparsed.add(new Unparsed(line, error));
    }

    static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(30, TimeUnit.SECONDS);
        assertThat(item).as("an item within 30s").isNotNull();
        return item;
    }
}
