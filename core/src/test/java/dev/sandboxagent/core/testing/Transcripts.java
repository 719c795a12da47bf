package dev.sandboxagent.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Recorded agent transcripts, kept as test resources under {@code /transcripts/} of the module
 * that replays them through its translator.
 */
public final class Transcripts {

    private Transcripts() {
    }

    /** The non-blank lines of {@code /transcripts/FILE}, found by {@code owner}'s class loader. */
    public static List<String> lines(Class<?> owner, String file) {
        try (InputStream in = owner.getResourceAsStream("/transcripts/" + file)) {
            if (in == null) {
                throw new AssertionError("no transcript /transcripts/" + file + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
