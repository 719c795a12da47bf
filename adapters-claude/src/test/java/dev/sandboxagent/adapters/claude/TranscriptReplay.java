package dev.sandboxagent.adapters.claude;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
        try (InputStream in = TranscriptReplay.class.getResourceAsStream("/transcripts/" + file)) {
            if (in == null) {
                throw new AssertionError("no transcript " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
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
