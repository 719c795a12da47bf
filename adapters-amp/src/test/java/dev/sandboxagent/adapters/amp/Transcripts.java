package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.testing.RecordingSink;
import dev.sandboxagent.core.testing.Replay;

import java.util.List;

/** The recorded Amp transcripts in src/test/resources/transcripts (copied from ../shared/agents/amp). */
final class Transcripts {

    private Transcripts() {
    }

    /** The CLI's stdout lines of a recorded run: the JSON lines of the file. */
    static List<String> stdout(String name) {
        return dev.sandboxagent.core.testing.Transcripts.lines(Transcripts.class, name + ".txt").stream()
                .filter(l -> l.startsWith("{")).toList();
    }

    /**
     * Feeds a transcript (one {@code amp -x} process: one turn) with core's {@link Replay} to a new
     * translator over {@code sink}, with the turn opened first as the engine would; returns the translator.
     */
    static AmpTranslator replay(String name, RecordingSink sink) {
        return replay(name, sink, false);
    }

    /** Like {@link #replay(String, RecordingSink)}, with a client's interrupt asked for before the output. */
    static AmpTranslator replay(String name, RecordingSink sink, boolean interrupted) {
        AmpTranslator t = new AmpTranslator(sink, sink.beginTurn("turn_1").openTurn());
        if (interrupted) {
            sink.requestInterrupt();
        }
        new Replay<>(sink, stdout(name), (line, replay) -> t.accept(line)).all();
        return t;
    }
}
