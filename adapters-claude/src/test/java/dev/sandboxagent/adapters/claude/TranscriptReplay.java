package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.testing.Replay;
import dev.sandboxagent.core.testing.Transcripts;

import java.util.ArrayList;
import java.util.List;

/**
 * A recorded claude transcript (src/test/resources/transcripts) fed through the translator with
 * core's {@link Replay}: the sink calls it made, and what the adapter wrote back to claude's stdin.
 * claude prints {@code system/init} when it takes a user message, so each init opens a turn in the
 * sink, where the engine would have opened it before sending the message.
 */
final class TranscriptReplay {

    final RecordingSink sink = new RecordingSink();
    final List<String> stdin = new ArrayList<>();
    final ClaudeRequests requests = new ClaudeRequests(sink, stdin::add);
    final ClaudeTranslator translator = new ClaudeTranslator(sink, requests);
    private boolean interruptFirstTurn;

    /** Replays {@code lines} (no turn is opened for lines without an init). */
    TranscriptReplay lines(List<String> lines) {
        new Replay<>(sink, lines, this::feed).all();
        return this;
    }

    private void feed(String line, Replay<String> replay) {
        if (line.startsWith("{\"type\":\"system\",\"subtype\":\"init\"")) {
            replay.beginTurn();
            if (interruptFirstTurn && "turn_1".equals(replay.lastTurn())) {
                sink.requestInterrupt(); // as a client's interrupt during the first turn
            }
        }
        translator.accept(line);
    }

    /** The lines of a transcript file, e.g. {@code stdio_allow.jsonl}. */
    static List<String> transcript(String file) {
        return Transcripts.lines(TranscriptReplay.class, file);
    }

    /** Replays NAME.jsonl as one session, a turn for each message claude took. */
    static TranscriptReplay of(String name) {
        return new TranscriptReplay().lines(transcript(name + ".jsonl"));
    }

    /** Like {@link #of}, with an interrupt asked for during the first turn. */
    static TranscriptReplay interruptingTheFirstTurn(String name) {
        TranscriptReplay r = new TranscriptReplay();
        r.interruptFirstTurn = true;
        return r.lines(transcript(name + ".jsonl"));
    }
}
