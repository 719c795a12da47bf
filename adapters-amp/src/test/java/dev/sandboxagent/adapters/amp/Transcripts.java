package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.testing.RecordingSink;
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

    /** Feeds a transcript to a new translator over {@code sink}; returns the translator. */
    static AmpTranslator replay(String name, RecordingSink sink) {
        AmpTranslator t = new AmpTranslator(sink);
        stdout(name).forEach(t::accept);
        return t;
    }
}
