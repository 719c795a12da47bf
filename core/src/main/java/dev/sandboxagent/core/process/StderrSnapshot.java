package dev.sandboxagent.core.process;

import dev.sandboxagent.core.schema.StderrOutput;

import java.util.Objects;

/**
 * A bounded copy of what a process wrote to stderr, taken by {@link StderrCapture}. When nothing
 * was dropped ({@code truncated == false}) {@code head} holds every line and {@code tail} is
 * {@code null}; otherwise {@code head} holds the first lines and {@code tail} the last lines, and
 * the lines in between are gone. Lines are joined with {@code "\n"}.
 *
 * @param head       the whole stderr, or its first lines when truncated
 * @param tail       {@code null}, or the last lines when truncated
 * @param totalLines how many lines the process wrote in total
 * @param truncated  whether lines between head and tail were dropped
 */
public record StderrSnapshot(String head, String tail, long totalLines, boolean truncated) {

    /** A snapshot of a process that wrote nothing to stderr. */
    public static final StderrSnapshot EMPTY = new StderrSnapshot("", null, 0, false);

    public StderrSnapshot {
        Objects.requireNonNull(head, "head");
        if (totalLines < 0) {
            throw new IllegalArgumentException("totalLines < 0");
        }
        if (truncated != (tail != null)) {
            throw new IllegalArgumentException("tail must be present exactly when truncated");
        }
    }

    /** Whether the process wrote no stderr at all. */
    public boolean isEmpty() {
        return totalLines == 0;
    }

    /** Head and tail as one text for error messages, with a marker where lines were dropped. */
    public String text() {
        if (!truncated) {
            return head;
        }
        return head + "\n[... stderr truncated, " + totalLines + " lines in total ...]\n" + tail;
    }

    /** The snapshot as the event schema's {@code stderr} of a {@code session.ended} event. */
    public StderrOutput toOutput() {
        return new StderrOutput(head, tail, totalLines, truncated);
    }
}
