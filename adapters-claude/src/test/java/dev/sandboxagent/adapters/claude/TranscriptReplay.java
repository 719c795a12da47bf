package dev.sandboxagent.adapters.claude;

import dev.sandboxagent.core.testing.Transcripts;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded claude transcript (src/test/resources/transcripts) fed through the translator: the
 * sink calls it made, and what the adapter wrote back to claude's stdin.
 */
final class TranscriptReplay {

    final RecordingSink sink = new RecordingSink();
    final List<String> stdin = new ArrayList<>();
    final ClaudeRequests requests = new ClaudeRequests(sink, stdin::add);
    final ClaudeTranslator translator = new ClaudeTranslator(sink, requests);

    TranscriptReplay lines(List<String> lines) {
        lines.forEach(translator::accept);
        return this;
    }

    /** The lines of a transcript file, e.g. {@code stdio_allow.jsonl}. */
    static List<String> transcript(String file) {
        return Transcripts.lines(TranscriptReplay.class, file);
    }

    /** Replays NAME.jsonl as one session that was given {@code turns} user messages. */
    static TranscriptReplay of(String name, int turns) {
        TranscriptReplay r = new TranscriptReplay();
        for (int i = 0; i < turns; i++) {
            r.translator.turnSent();
        }
        return r.lines(transcript(name + ".jsonl"));
    }
}
