package dev.sandboxagent.core.files;

import dev.sandboxagent.core.testing.TarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TarReaderTest {

    @TempDir
    Path dir;

    /** name → content (null for non-files), in archive order. */
    private static Map<String, String> read(byte[] tar) throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        Map<String, String> out = new LinkedHashMap<>();
        TarReader.Entry e;
        while ((e = r.next()) != null) {
            out.put(e.type() + ":" + e.name(), e.isFile()
                    ? new String(r.content().readAllBytes(), StandardCharsets.UTF_8) : String.valueOf(e.linkName()));
        }
        return out;
    }

    @Test
    void ustarFilesDirectoriesAndLinks() throws IOException {
        byte[] tar = new TarWriter().dir("src/").file("src/a.txt", "alpha").file("b.txt", "x".repeat(1500))
                .symlink("link", "/etc/passwd").hardlink("hard", "b.txt").file("empty", "").bytes();
        assertThat(read(tar)).containsExactly(
                Map.entry("5:src/", "null"), Map.entry("0:src/a.txt", "alpha"), Map.entry("0:b.txt", "x".repeat(1500)),
                Map.entry("2:link", "/etc/passwd"), Map.entry("1:hard", "b.txt"), Map.entry("0:empty", ""));
    }

    @Test
    void longNamesInAllThreeForms() throws IOException {
        String longName = "deep/".repeat(40) + "file.txt"; // 208 characters
        byte[] tar = new TarWriter().gnuLongName(longName, "gnu").paxPath("pax/" + "p".repeat(150) + ".txt", "pax")
                .ustarPrefix("a".repeat(120), "name.txt", "prefix").bytes();
        assertThat(read(tar)).containsExactly(
                Map.entry("0:" + longName, "gnu"),
                Map.entry("0:pax/" + "p".repeat(150) + ".txt", "pax"),
                Map.entry("0:" + "a".repeat(120) + "/name.txt", "prefix"));
    }

    @Test
    void unreadDataIsSkipped() throws IOException {
        byte[] tar = new TarWriter().file("one", "1".repeat(700)).file("two", "2").bytes();
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        assertThat(r.next().name()).isEqualTo("one");
        assertThat(r.content().read()).isEqualTo('1'); // read one byte, leave the rest
        TarReader.Entry two = r.next();
        assertThat(two.name()).isEqualTo("two");
        assertThat(new String(r.content().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("2");
        assertThat(r.next()).isNull();
        assertThat(r.entries()).isEqualTo(2);
    }

    @Test
    void emptyInputAndMissingEndBlocks() throws IOException {
        assertThat(read(new byte[0])).isEmpty();
        assertThat(read(new byte[1024])).isEmpty();
        assertThat(read(new TarWriter().file("a", "x").bytesWithoutEnd())).containsExactly(Map.entry("0:a", "x"));
    }

    @Test
    void malformedArchives() {
        assertThatThrownBy(() -> read("just some text that is not a tar archive".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(TarReader.TarFormatException.class).hasMessageContaining("ends inside a header");
        byte[] noise = new byte[2048];
        new java.util.Random(1).nextBytes(noise);
        assertThatThrownBy(() -> read(noise)).isInstanceOf(TarReader.TarFormatException.class);
        assertThatThrownBy(() -> read(new TarWriter().corruptHeader("x").bytes()))
                .isInstanceOf(TarReader.TarFormatException.class).hasMessageContaining("checksum");
        byte[] whole = new TarWriter().file("a", "y".repeat(2000)).bytes();
        byte[] cut = java.util.Arrays.copyOf(whole, 512 + 1000);
        assertThatThrownBy(() -> read(cut)).isInstanceOf(TarReader.TarFormatException.class)
                .hasMessageContaining("ends inside");
        // a GNU long name larger than the limit
        byte[] huge = TarWriter.block("././@LongLink", 'L', TarReader.MAX_META_BYTES + 1L, "", 0);
        TarWriter.checksum(huge, false);
        assertThatThrownBy(() -> read(new TarWriter().raw(huge).bytes())).isInstanceOf(TarReader.TarFormatException.class)
                .hasMessageContaining("larger than");
    }

    @Test
    void base256Size() throws IOException {
        byte[] h = TarWriter.block("big", '0', 0, "", 0644);
        java.util.Arrays.fill(h, 124, 136, (byte) 0);
        h[124] = (byte) 0x80;
        h[135] = 5; // size 5 in GNU base-256
        TarWriter.checksum(h, false);
        byte[] data = new byte[512];
        System.arraycopy("hello".getBytes(StandardCharsets.US_ASCII), 0, data, 0, 5);
        assertThat(read(new TarWriter().raw(h).raw(data).bytes())).containsExactly(Map.entry("0:big", "hello"));
    }

    /** Archives written by GNU tar itself, in its gnu, pax and ustar formats. */
    @Test
    void archivesOfTheSystemTar() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        String longDir = "d".repeat(60) + "/" + "e".repeat(60);
        Files.createDirectories(src.resolve(longDir));
        Files.writeString(src.resolve(longDir).resolve("f".repeat(80) + ".txt"), "long");
        Files.writeString(src.resolve("short.txt"), "short");
        for (String format : new String[]{"gnu", "pax", "ustar"}) {
            Path tar = dir.resolve(format + ".tar");
            Process p = new ProcessBuilder("tar", "--format=" + format, "-cf", tar.toString(), "-C", src.toString(), ".")
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            Map<String, String> entries = read(Files.readAllBytes(tar));
            List<String> files = new ArrayList<>();
            entries.forEach((k, v) -> {
                if (k.startsWith("0:")) {
                    files.add(k.substring(2) + "=" + v);
                }
            });
            assertThat(files).as(format).containsExactlyInAnyOrder(
                    "./" + longDir + "/" + "f".repeat(80) + ".txt=long", "./short.txt=short");
        }
    }
}
