package dev.sandboxagent.core.port;

import dev.sandboxagent.core.schema.UniversalEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A reader of one session's events from a position on. A stream is finished when the session
 * ended and everything was read, or, for a turn stream, when that turn's {@code turn.ended} was
 * read. Not thread-safe: one reader per stream. Closing it ends it (and frees what it holds).
 */
public interface EventStream extends AutoCloseable {

    /**
     * The next events, waiting up to {@code maxWait} for some to arrive. An empty list means
     * none arrived in time, or the stream is finished ({@link #isFinished()}).
     */
    List<UniversalEvent> poll(Duration maxWait) throws InterruptedException;

    /** True once the stream has nothing more to hand out, or was closed. */
    boolean isFinished();

    @Override
    void close();

    /**
     * A blocking stream of the events, ending when this stream is finished; closing the
     * returned {@link Stream} closes this one.
     */
    default Stream<UniversalEvent> stream() {
        Iterator<UniversalEvent> it = new Iterator<>() {
            private List<UniversalEvent> buffer = List.of();
            private int index;

            @Override
            public boolean hasNext() {
                try {
                    while (index >= buffer.size()) {
                        if (isFinished()) {
                            return false;
                        }
                        buffer = new ArrayList<>(poll(Duration.ofSeconds(1)));
                        index = 0;
                    }
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }

            @Override
            public UniversalEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.get(index++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                .onClose(this::close);
    }
}
