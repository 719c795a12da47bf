package dev.sandboxagent.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Writes small tar archives for tests, including the odd and hostile ones a client might send. */
public final class TarWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public TarWriter file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public TarWriter file(String name, byte[] content, int mode) {
        header(name, '0', content.length, "", mode, false);
        data(content);
        return this;
    }

    public TarWriter dir(String name) {
        header(name, '5', 0, "", 0755, false);
        return this;
    }

    public TarWriter symlink(String name, String target) {
        header(name, '2', 0, target, 0777, false);
        return this;
    }

    public TarWriter hardlink(String name, String target) {
        header(name, '1', 0, target, 0644, false);
        return this;
    }

    public TarWriter fifo(String name) {
        header(name, '6', 0, "", 0644, false);
        return this;
    }

    /** A file whose long name travels in a GNU 'L' entry. */
    public TarWriter gnuLongName(String name, String content) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        header("././@LongLink", 'L', n.length, "", 0, false);
        data(n);
        return file(name.substring(0, Math.min(99, name.length())), content);
    }

    /** A file whose name travels in a pax 'x' header; the ustar name is a decoy. */
    public TarWriter paxPath(String name, String content) {
        byte[] rec = paxRecord("path", name);
        header("PaxHeaders/decoy", 'x', rec.length, "", 0644, false);
        data(rec);
        return file("decoy-name", content);
    }

    /** A ustar entry whose name is split into prefix and name fields. */
    public TarWriter ustarPrefix(String prefix, String name, String content) {
        byte[] c = content.getBytes(StandardCharsets.UTF_8);
        byte[] h = block(name, '0', c.length, "", 0644);
        put(h, 345, prefix, 155);
        checksum(h, false);
        out.writeBytes(h);
        data(c);
        return this;
    }

    public TarWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** A header whose checksum is wrong. */
    public TarWriter corruptHeader(String name) {
        header(name, '0', 0, "", 0644, true);
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(out.toByteArray());
        copy.writeBytes(new byte[1024]); // end of archive
        return copy.toByteArray();
    }

    /** Without the end-of-archive blocks, as some writers leave it. */
    public byte[] bytesWithoutEnd() {
        return out.toByteArray();
    }

    public byte[] gzipped() {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gz.toByteArray();
    }

    private void header(String name, char type, long size, String link, int mode, boolean badChecksum) {
        byte[] h = block(name, type, size, link, mode);
        checksum(h, badChecksum);
        out.writeBytes(h);
    }

    public static byte[] block(String name, char type, long size, String link, int mode) {
        byte[] h = new byte[512];
        put(h, 0, name, 100);
        put(h, 100, octal(mode, 7), 8);
        put(h, 108, octal(0, 7), 8);
        put(h, 116, octal(0, 7), 8);
        put(h, 124, octal(size, 11), 12);
        put(h, 136, octal(1_700_000_000L, 11), 12);
        h[156] = (byte) type;
        put(h, 157, link, 100);
        put(h, 257, "ustar", 6); // "ustar\0"
        put(h, 263, "00", 2);
        return h;
    }

    public static void checksum(byte[] h, boolean bad) {
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        if (bad) {
            sum += 7;
        }
        byte[] c = (octal(sum, 6) + "\0 ").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(c, 0, h, 148, 8);
    }

    private void data(byte[] content) {
        out.writeBytes(content);
        int pad = (512 - content.length % 512) % 512;
        out.writeBytes(new byte[pad]);
    }

    private static byte[] paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int len = body.getBytes(StandardCharsets.UTF_8).length;
        int total = len + String.valueOf(len).length();
        if (String.valueOf(total).length() != String.valueOf(len).length()) {
            total++;
        }
        return (total + body).getBytes(StandardCharsets.UTF_8);
    }

    private static String octal(long v, int digits) {
        String s = Long.toOctalString(v);
        return "0".repeat(Math.max(0, digits - s.length())) + s;
    }

    private static void put(byte[] h, int off, String s, int len) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, Math.min(b.length, len));
    }
}
