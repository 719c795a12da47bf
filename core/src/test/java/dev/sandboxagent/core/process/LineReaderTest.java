package dev.sandboxagent.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static List<String> read(String text, int max) throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void splitsOnNewlineOnlyAndDropsTrailingCarriageReturn() throws IOException {
        assertThat(read("a\r\nb\rc\n\nlast", 100)).containsExactly("a", "b\rc", "", "last");
        assertThat(read("", 100)).isEmpty();
        assertThat(read("one\n", 100)).containsExactly("one");
    }

    @Test
    void decodesMultiByteCharactersAcrossBufferBoundaries() throws IOException {
        String longLine = "é✓".repeat(20_000);
        assertThat(read(longLine + "\nnext\n", Integer.MAX_VALUE)).containsExactly(longLine, "next");
    }

    @Test
    void cutsLinesLongerThanTheLimitAndContinuesWithTheNextLine() throws IOException {
        assertThat(read("abcdefghij\nxy\n", 4)).containsExactly("abcd…", "xy");
        assertThat(read("z".repeat(50_000) + "\nok", 10)).containsExactly("z".repeat(10) + "…", "ok");
    }
}
