package dev.sandboxagent.http;

import dev.sandboxagent.core.engine.LogStream;
import dev.sandboxagent.core.engine.LoggedEvent;
import dev.sandboxagent.core.port.EventStream;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes an {@link EventStream} to a client as server-sent events: {@code id:} is the event's
 * sequence, {@code data:} its JSON. Runs on the request's own virtual thread, so a slow client
 * only ever slows itself. Each batch the stream hands out (whatever the log holds beyond this
 * client's position, up to its batch size) goes out in one write, made of the frames the log
 * encoded once for all followers. A comment is sent when nothing happened for a while, which
 * keeps proxies from closing the connection and tells us when the client went away. A stream
 * from another {@code SessionService} than the engine is encoded here, per event.
 */
final class SseStreamer {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final System.Logger LOG = System.getLogger(SseStreamer.class.getName());

    /** Clients following a stream right now, in this JVM (the sandbox_sse_followers gauge). */
    static final AtomicInteger FOLLOWERS = new AtomicInteger();

    private SseStreamer() {
    }

    static void stream(ServerRequest req, ServerResponse res, EventStream events, boolean includeRaw) {
        FOLLOWERS.incrementAndGet();
        try (events; SseFrameSink sink = res.sink(SseFrameSink.TYPE)) {
            HttpMetricsFilter.firstByteSent(req); // the head went out: the latency histogram stops here
            while (!events.isFinished()) {
                List<LoggedEvent> batch = poll(events);
                if (batch.isEmpty()) {
                    if (!events.isFinished()) {
                        sink.emit(SseFrameSink.KEEP_ALIVE).flush();
                    }
                    continue;
                }
                for (LoggedEvent e : batch) {
                    sink.emit(e.sseFrame(includeRaw));
                }
                sink.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException | IllegalStateException e) {
            // The client went away: its stream ends here, nothing else is affected.
            LOG.log(System.Logger.Level.DEBUG, "SSE client gone: " + e.getMessage());
        } finally {
            FOLLOWERS.decrementAndGet();
        }
    }

    private static List<LoggedEvent> poll(EventStream events) throws InterruptedException {
        if (events instanceof LogStream log) {
            return log.pollLogged(KEEP_ALIVE);
        }
        return events.poll(KEEP_ALIVE).stream().map(LoggedEvent::of).toList();
    }
}
