package dev.sandboxagent.core.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a bounded record of a process's stderr: the first {@code headLines} lines, the last
 * {@code tailLines} lines and a count of all lines, each line cut to {@value #MAX_LINE_CHARS}
 * characters. Agents can log megabytes to stderr over a long session; this keeps what matters
 * for an error report (how it started, how it ended) in constant memory. Thread-safe.
 */
public final class StderrCapture {

    public static final int DEFAULT_HEAD_LINES = 50;
    public static final int DEFAULT_TAIL_LINES = 50;
    public static final int MAX_LINE_CHARS = 2_000;

    private final int headLimit;
    private final int tailLimit;
    private final List<String> head = new ArrayList<>();
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private long total;

    public StderrCapture() {
        this(DEFAULT_HEAD_LINES, DEFAULT_TAIL_LINES);
    }

    public StderrCapture(int headLines, int tailLines) {
        if (headLines < 0 || tailLines < 0) {
            throw new IllegalArgumentException("line limits must not be negative");
        }
        this.headLimit = headLines;
        this.tailLimit = tailLines;
    }

    /** Records one line (without its terminator). */
    public synchronized void add(String line) {
        String kept = line.length() > MAX_LINE_CHARS
                ? line.substring(0, MAX_LINE_CHARS) + LineReader.CUT_MARK
                : line;
        total++;
        if (head.size() < headLimit) {
            head.add(kept);
            return;
        }
        tail.addLast(kept);
        if (tail.size() > tailLimit) {
            tail.removeFirst();
        }
    }

    /** What has been recorded so far. */
    public synchronized StderrSnapshot snapshot() {
        boolean truncated = total > (long) headLimit + tailLimit;
        if (!truncated) {
            List<String> all = new ArrayList<>(head);
            all.addAll(tail);
            return new StderrSnapshot(String.join("\n", all), null, total, false);
        }
        return new StderrSnapshot(String.join("\n", head), String.join("\n", tail), total, true);
    }
}
