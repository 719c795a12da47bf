package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.testing.Replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays a transcript recorded with the real pi CLI (test resource {@code /transcripts/NAME.txt}:
 * {@code > } lines written to pi's stdin, {@code < } lines it printed, {@code ! } stderr,
 * {@code # } notes) through a {@link PiTranslator} with core's {@link Replay}: a prompt of the
 * recording opens a turn in the sink and an abort asks to interrupt it, as the engine would; the lines the translator writes itself (the
 * turn-end barriers, dismissed dialogs) are collected to compare with what the recording sent.
 */
final class TranscriptReplay {

    final RecordingSink sink = new RecordingSink();
    final List<String> written = new ArrayList<>();
    final PiTranslator translator = new PiTranslator(sink, written::add);
    /** The recording's stdin lines that the translator (not the session) writes. */
    private final List<String> expected = new ArrayList<>();

    private void feed(String line, Replay<String> replay) {
        if (line.startsWith("< ")) {
            translator.accept(line.substring(2));
        } else if (line.startsWith("> ")) {
            String command = line.substring(2);
            String id = String.valueOf(Jsons.string(Jsons.parseObject(command), "id"));
            if (id.startsWith(PiCommands.PROMPT_PREFIX)) {
                replay.beginTurn();
            } else if (id.startsWith(PiCommands.ABORT_PREFIX)) {
                sink.requestInterrupt();
            } else if (!id.equals(PiCommands.STATE_ID)) {
                expected.add(command);
            }
        }
    }

    static TranscriptReplay of(String name) {
        TranscriptReplay r = new TranscriptReplay();
        Replay.ofLines(PiTranslatorTest.class, name + ".txt", r.sink, r::feed).all();
        if (!r.expected.equals(r.written)) {
            throw new AssertionError("the translator wrote " + r.written + " where the recording wrote " + r.expected);
        }
        return r;
    }
}
