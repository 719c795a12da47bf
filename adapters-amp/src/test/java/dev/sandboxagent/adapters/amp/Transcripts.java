package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.testing.RecordingSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The recorded Amp transcripts in src/test/resources/transcripts (copied from ../shared/agents/amp). */
final class Transcripts {

    private Transcripts() {
    }

    /** The CLI's stdout lines of a recorded run: the JSON lines of the file. */
    static List<String> stdout(String name) {
        try (InputStream in = Transcripts.class.getResourceAsStream("/transcripts/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("{")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Feeds a transcript to a new translator over {@code sink}; returns the translator. */
    static AmpTranslator replay(String name, RecordingSink sink) {
        AmpTranslator t = new AmpTranslator(sink);
        stdout(name).forEach(t::accept);
        return t;
    }
}
