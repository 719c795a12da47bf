package dev.sandboxagent.core.jsonrpc;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One end of a JSON-RPC 2.0 connection over line-delimited JSON (one message per line), such as
 * an agent's stdin/stdout. It sends requests (ids are increasing longs) and matches responses to
 * them, sends notifications and responses, and hands incoming requests and notifications to a
 * {@link JsonRpcHandler}. Incoming messages without {@code "jsonrpc":"2.0"} are accepted because
 * the Codex app-server omits that member; a different version value is rejected. Outgoing
 * messages always carry it. Batches are not supported. Thread-safe: lines go out one at a time.
 * <p>
 * Futures are completed on the thread calling {@link #onLine}; do not block in their non-async
 * continuations (or in the handler) waiting for another response from this peer.
 */
public final class JsonRpcPeer {

    private static final System.Logger LOG = System.getLogger(JsonRpcPeer.class.getName());

    private final Consumer<String> lineWriter;
    private final JsonRpcHandler handler;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Throwable closedBy;
    private volatile boolean closed;

    private record Pending(String method, CompletableFuture<JsonValue> future) {
    }

    /**
     * @param lineWriter sends one line (without terminator) to the other side, e.g.
     *                   {@code AgentProcess::writeLine}
     * @param handler    receives incoming requests, notifications and unusable lines
     */
    public JsonRpcPeer(Consumer<String> lineWriter, JsonRpcHandler handler) {
        this.lineWriter = Objects.requireNonNull(lineWriter, "lineWriter");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Sends a request; the future completes with its result (JSON null if the result is null),
     * or fails with a {@link JsonRpcErrorException}, a {@link JsonRpcClosedException}, or the
     * line writer's own exception if the request could not be written. Never throws for those.
     *
     * @param params the params, or {@code null} to omit them
     */
    public CompletableFuture<JsonValue> request(String method, JsonValue params) {
        return send(method, params, null);
    }

    /**
     * Like {@link #request(String, JsonValue)}, but the future fails with a
     * {@link JsonRpcTimeoutException} if no response arrives within {@code timeout}.
     */
    public CompletableFuture<JsonValue> request(String method, JsonValue params, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return send(method, params, timeout);
    }

    /**
     * Sends a request and waits for its result, for handshakes; throws what the future would fail
     * with ({@link JsonRpcErrorException}, {@link JsonRpcTimeoutException}, ...). Never call it on
     * the thread that feeds {@link #onLine}: the answer could not arrive.
     */
    public JsonValue call(String method, JsonValue params, Duration timeout) throws Exception {
        try {
            return request(method, params, timeout).get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception c ? c : e;
        }
    }

    private CompletableFuture<JsonValue> send(String method, JsonValue params, Duration timeout) {
        Objects.requireNonNull(method, "method");
        long id = nextId.incrementAndGet();
        Pending waiting = new Pending(method, new CompletableFuture<>());
        if (closed) {
            waiting.future().completeExceptionally(closedException());
            return waiting.future();
        }
        pending.put(id, waiting);
        if (closed && pending.remove(id, waiting)) { // lost a race with close()
            waiting.future().completeExceptionally(closedException());
            return waiting.future();
        }
        try {
            write(envelope().add("id", id).add("method", method), params, "params");
        } catch (RuntimeException e) {
            pending.remove(id, waiting);
            waiting.future().completeExceptionally(e);
            return waiting.future();
        }
        if (timeout != null) {
            CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
                if (pending.remove(id, waiting)) {
                    waiting.future().completeExceptionally(new JsonRpcTimeoutException(method, id, timeout));
                }
            });
        }
        return waiting.future();
    }

    /** Sends a notification (no response expected). */
    public void notify(String method, JsonValue params) {
        Objects.requireNonNull(method, "method");
        ensureOpen();
        write(envelope().add("method", method), params, "params");
    }

    /** Answers a request from the other side; a {@code null} result is sent as JSON null. */
    public void respond(JsonValue id, JsonValue result) {
        ensureOpen();
        write(envelope().add("id", idOrNull(id)), result == null ? JsonValue.NULL : result, "result");
    }

    /** Answers a request from the other side with an error; {@code data} may be {@code null}. */
    public void respondError(JsonValue id, int code, String message, JsonValue data) {
        ensureOpen();
        JsonObjectBuilder error = Jsons.JSON.createObjectBuilder()
                .add("code", code)
                .add("message", Objects.requireNonNull(message, "message"));
        if (data != null) {
            error.add("data", data);
        }
        write(envelope().add("id", idOrNull(id)), error.build(), "error");
    }

    /**
     * Closes the peer: every pending request fails with a {@link JsonRpcClosedException} carrying
     * {@code cause}, and later sends fail too. Idempotent; incoming lines are still dispatched.
     */
    public void close(Throwable cause) {
        if (closed) {
            return;
        }
        closedBy = cause;
        closed = true;
        List<Long> ids = new ArrayList<>(pending.keySet());
        for (Long id : ids) {
            Pending waiting = pending.remove(id);
            if (waiting != null) {
                waiting.future().completeExceptionally(closedException());
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** How many requests are waiting for a response. */
    public int pendingRequests() {
        return pending.size();
    }

    /** Feeds one line received from the other side. Never throws because of its content. */
    public void onLine(String line) {
        if (line.isBlank()) {
            return; // framing noise, not a message
        }
        JsonValue value;
        try {
            value = Jsons.parse(line);
        } catch (JsonException e) {
            unparsed(line, "not JSON: " + e.getMessage());
            return;
        }
        if (!(value instanceof JsonObject message)) {
            unparsed(line, "not a JSON-RPC message (expected an object, batches are not supported)");
            return;
        }
        JsonValue version = message.get("jsonrpc");
        if (version != null && !(version instanceof JsonString s && s.getString().equals("2.0"))) {
            unparsed(line, "unsupported jsonrpc version " + version);
            return;
        }
        dispatch(line, message);
    }

    private void dispatch(String line, JsonObject message) {
        JsonValue method = message.get("method");
        JsonValue id = message.get("id");
        if (method instanceof JsonString name) {
            if (id == null) {
                deliver(line, () -> handler.onNotification(name.getString(), message.get("params"), message));
            } else if (validId(id)) {
                onRequest(line, id, name.getString(), message);
            } else {
                unparsed(line, "request id must be a string, number or null");
            }
        } else if (method == null && id != null && (message.containsKey("result") || message.containsKey("error"))) {
            onResponse(line, id, message);
        } else {
            unparsed(line, "not a JSON-RPC request, notification or response");
        }
    }

    private void onRequest(String line, JsonValue id, String method, JsonObject message) {
        try {
            handler.onRequest(id, method, message.get("params"), message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handler failed on request '" + method + "': " + line, e);
            try {
                respondError(id, JsonRpcErrorCodes.INTERNAL_ERROR, "internal error: " + e, null);
            } catch (RuntimeException writeFailure) {
                LOG.log(Level.DEBUG, "could not report the handler failure", writeFailure);
            }
        }
    }

    private void onResponse(String line, JsonValue id, JsonObject message) {
        Long key = numericId(id);
        Pending waiting = key == null ? null : pending.remove(key);
        if (waiting == null) {
            unparsed(line, "response for unknown request id " + id);
            return;
        }
        JsonValue error = message.get("error");
        if (error != null && error != JsonValue.NULL) {
            waiting.future().completeExceptionally(toException(error));
        } else {
            JsonValue result = message.get("result");
            waiting.future().complete(result == null ? JsonValue.NULL : result);
        }
    }

    private static JsonRpcErrorException toException(JsonValue error) {
        if (error instanceof JsonObject object) {
            int code = object.get("code") instanceof JsonNumber n ? n.intValue() : JsonRpcErrorCodes.INTERNAL_ERROR;
            String message = object.get("message") instanceof JsonString s ? s.getString() : String.valueOf(object);
            return new JsonRpcErrorException(code, message, object.get("data"));
        }
        return new JsonRpcErrorException(JsonRpcErrorCodes.INTERNAL_ERROR, error.toString(), null);
    }

    /** Our ids are longs; accept them back as numbers or as digit strings. */
    private static Long numericId(JsonValue id) {
        if (id instanceof JsonNumber number && number.isIntegral()) {
            return number.longValue();
        }
        if (id instanceof JsonString text) {
            try {
                return Long.parseLong(text.getString());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean validId(JsonValue id) {
        return id instanceof JsonString || id instanceof JsonNumber || id == JsonValue.NULL;
    }

    private static JsonValue idOrNull(JsonValue id) {
        return id == null ? JsonValue.NULL : id;
    }

    private static JsonObjectBuilder envelope() {
        return Jsons.JSON.createObjectBuilder().add("jsonrpc", "2.0");
    }

    /** Adds {@code value} under {@code key} unless it is null (omitted params), then sends. */
    private void write(JsonObjectBuilder message, JsonValue value, String key) {
        if (value != null) {
            message.add(key, value);
        }
        String line = Jsons.print(message.build());
        writeLock.lock();
        try {
            lineWriter.accept(line);
        } finally {
            writeLock.unlock();
        }
    }

    private void deliver(String line, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "JSON-RPC handler failed on: " + line, e);
        }
    }

    private void unparsed(String line, String error) {
        deliver(line, () -> handler.onUnparsed(line, error));
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private JsonRpcClosedException closedException() {
        return new JsonRpcClosedException("JSON-RPC peer is closed", closedBy);
    }
}
