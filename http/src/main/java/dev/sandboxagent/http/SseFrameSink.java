package dev.sandboxagent.http;

import io.helidon.common.GenericType;
import io.helidon.common.media.type.MediaType;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http.spi.Sink;
import io.helidon.webserver.http.spi.SinkProvider;
import io.helidon.webserver.http.spi.SinkProviderContext;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.BiConsumer;

/**
 * A server-sent events response that takes whole, already encoded frames and sends them when
 * flushed: a batch of events costs one write to the socket, and an event's bytes (made once by
 * the log) are shared by all its followers. Helidon's own SSE sink serialises each event for
 * each client and flushes after every one. The response head is the same: 200,
 * {@code text/event-stream}, {@code Cache-Control: no-cache}, sent as soon as the sink exists.
 */
final class SseFrameSink implements Sink<byte[]> {

    static final GenericType<SseFrameSink> TYPE = GenericType.create(SseFrameSink.class);
    /** A comment frame: keeps proxies from closing an idle stream and detects clients gone. */
    static final byte[] KEEP_ALIVE = ":keep-alive\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final Runnable closeRunnable;

    private SseFrameSink(ServerResponse response, Runnable closeRunnable, Runnable flushHeaders) {
        if (response.headers().contentType().isEmpty()) {
            response.headers().add(HeaderValues.CONTENT_TYPE_EVENT_STREAM);
        }
        response.headers().set(HeaderNames.CACHE_CONTROL, "no-cache");
        this.out = response.outputStream();
        this.closeRunnable = closeRunnable;
        flushHeaders.run();
    }

    /** Queues one frame; it is sent by the next {@link #flush()}. */
    @Override
    public SseFrameSink emit(byte[] frame) {
        try {
            out.write(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sends what was emitted since the last flush. */
    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeRunnable.run();
        }
    }

    /** Makes {@link SseFrameSink}s for {@code res.sink(SseFrameSink.TYPE)}; found through ServiceLoader. */
    public static final class Provider implements SinkProvider<byte[]> {

        @Override
        public boolean supports(GenericType<? extends Sink<?>> type, ServerRequest request) {
            return TYPE.equals(type);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <X extends Sink<byte[]>> X create(SinkProviderContext context) {
            return (X) new SseFrameSink(context.serverResponse(), context.closeRunnable(), context::flushHeaders);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <X extends Sink<byte[]>> X create(ServerResponse response, BiConsumer<Object, MediaType> eventConsumer,
                                                 Runnable closeRunnable) {
            return (X) new SseFrameSink(response, closeRunnable, () -> { });
        }
    }
}
