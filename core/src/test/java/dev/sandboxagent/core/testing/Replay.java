package dev.sandboxagent.core.testing;

import java.util.List;
import java.util.function.Predicate;

/**
 * Feeds a recorded transcript, one record at a time, to an adapter's inbound side (its translator,
 * or its JSON-RPC peer), the way its session would, over a {@link RecordingSink}. Turns are opened
 * in the sink as the engine opens them ({@code turn_1}, {@code turn_2}…), where the feed finds
 * that the adapter started one in the recording (or before replaying, for one-turn transcripts).
 *
 * @param <T> one record of the transcript (a stdout line, a parsed JSON-RPC message…)
 */
public final class Replay<T> {

    /** What one record means: the feed hands it to the adapter, or opens a turn through the replay. */
    @FunctionalInterface
    public interface Feed<T> {
        void accept(T record, Replay<T> replay);
    }

    public final RecordingSink sink;
    private final List<T> records;
    private final Feed<T> feed;
    private int next;
    private int turns;

    public Replay(RecordingSink sink, List<T> records, Feed<T> feed) {
        this.sink = sink;
        this.records = List.copyOf(records);
        this.feed = feed;
    }

    /** A replay of the non-blank lines of {@code /transcripts/FILE} ({@link Transcripts#lines}). */
    public static Replay<String> ofLines(Class<?> owner, String file, RecordingSink sink, Feed<String> feed) {
        return new Replay<>(sink, Transcripts.lines(owner, file), feed);
    }

    /** Opens the next turn in the sink, as the engine does before {@code sendMessage}; returns its id. */
    public String beginTurn() {
        String id = "turn_" + ++turns;
        sink.beginTurn(id);
        return id;
    }

    /** The id of the last turn opened, or null. */
    public String lastTurn() {
        return turns == 0 ? null : "turn_" + turns;
    }

    /** Replays everything that is left. */
    public Replay<T> all() {
        while (step()) {
            // next record
        }
        return this;
    }

    /** Replays up to and including the first record that matches {@code last}; fails when none does. */
    public Replay<T> through(Predicate<T> last) {
        while (next < records.size()) {
            T record = records.get(next);
            step();
            if (last.test(record)) {
                return this;
            }
        }
        throw new AssertionError("no matching record left in the transcript");
    }

    /** Replays one record; false when none is left. */
    public boolean step() {
        if (next >= records.size()) {
            return false;
        }
        feed.accept(records.get(next++), this);
        return true;
    }

    /** The records of the transcript. */
    public List<T> records() {
        return records;
    }
}
