package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.testing.Transcripts;

import java.util.ArrayList;
import java.util.List;

/**
 * Replays a transcript recorded with the real pi CLI (test resource {@code /transcripts/NAME.txt}:
 * {@code > } lines written to pi's stdin, {@code < } lines it printed, {@code ! } stderr,
 * {@code # } notes) through a {@link PiTranslator}. The prompts and aborts of the recording are
 * told to the translator as the session would; the lines the translator writes itself (the
 * turn-end barriers, dismissed dialogs) are collected to compare with what the recording sent.
 */
final class TranscriptReplay {

    final RecordingSink sink = new RecordingSink();
    final List<String> written = new ArrayList<>();
    final PiTranslator translator = new PiTranslator(sink, written::add);

    /** Replays {@code lines}; returns the recording's stdin lines that the translator (not the session) writes. */
    List<String> replay(List<String> lines) {
        List<String> expected = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("< ")) {
                translator.accept(line.substring(2));
            } else if (line.startsWith("> ")) {
                String command = line.substring(2);
                String id = String.valueOf(Jsons.string(Jsons.parseObject(command), "id"));
                if (id.startsWith(PiCommands.PROMPT_PREFIX)) {
                    translator.turnSent();
                } else if (id.startsWith(PiCommands.ABORT_PREFIX)) {
                    translator.interruptRequested();
                } else if (!id.equals(PiCommands.STATE_ID)) {
                    expected.add(command);
                }
            }
        }
        return expected;
    }

    static TranscriptReplay of(String name) {
        TranscriptReplay r = new TranscriptReplay();
        List<String> expected = r.replay(Transcripts.lines(PiTranslatorTest.class, name + ".txt"));
        if (!expected.equals(r.written)) {
            throw new AssertionError("the translator wrote " + r.written + " where the recording wrote " + expected);
        }
        return r;
    }
}
