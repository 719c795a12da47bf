package dev.sandboxagent.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A small streaming reader of tar archives: POSIX ustar headers (with the {@code prefix}
 * field), GNU long names and link names ({@code L}/{@code K} entries), GNU base-256 sizes and
 * pax extended headers ({@code x}: {@code path}, {@code linkpath}, {@code size}; {@code g} is
 * read and ignored). It reads one entry at a time and never holds an entry's data: the caller
 * reads {@link #content()} or leaves it, and {@link #next()} skips what is left.
 * <p>
 * Malformed input (bad checksum, truncated data, oversized meta entries) is a
 * {@link TarFormatException}. Which entry types are acceptable is the caller's decision.
 */
final class TarReader {

    static final int BLOCK = 512;
    /** Largest GNU long name or pax header accepted. */
    static final int MAX_META_BYTES = 1 << 20;

    /** One archive member. {@code type} is the header's typeflag ('0' for a NUL flag). */
    record Entry(String name, char type, long size, String linkName, int mode) {
        boolean isFile() {
            return type == '0' || type == '7';
        }

        boolean isDirectory() {
            return type == '5';
        }

        boolean isLink() {
            return type == '1' || type == '2';
        }
    }

    static final class TarFormatException extends IOException {
        TarFormatException(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final byte[] header = new byte[BLOCK];
    private long remaining; // unread data bytes of the current entry
    private long padding;   // bytes after the data up to the next block boundary
    private long entries;

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next entry (after skipping the rest of the current one), or null at the end of the archive. */
    Entry next() throws IOException {
        skipRest();
        String longName = null;
        String longLink = null;
        String paxPath = null;
        String paxLink = null;
        Long paxSize = null;
        while (true) {
            if (!readBlock()) {
                return null;
            }
            if (isZero(header)) {
                return null; // end-of-archive marker (a second zero block may follow; not needed)
            }
            verifyChecksum();
            char type = (char) (header[156] == 0 ? '0' : header[156] & 0xff);
            long size = number(124, 12, "size");
            if (size < 0) {
                throw new TarFormatException("negative entry size");
            }
            switch (type) {
                case 'L' -> {
                    longName = cString(meta(size, "GNU long name"));
                    continue;
                }
                case 'K' -> {
                    longLink = cString(meta(size, "GNU long link name"));
                    continue;
                }
                case 'x' -> {
                    var pax = pax(meta(size, "pax header"));
                    paxPath = pax.path != null ? pax.path : paxPath;
                    paxLink = pax.link != null ? pax.link : paxLink;
                    paxSize = pax.size != null ? pax.size : paxSize;
                    continue;
                }
                case 'g' -> {
                    meta(size, "pax global header"); // read and ignored
                    continue;
                }
                default -> {
                    // a real entry
                }
            }
            String name = longName != null ? longName : headerName();
            if (paxPath != null) {
                name = paxPath;
            }
            String link = longLink != null ? longLink : text(157, 100);
            if (paxLink != null) {
                link = paxLink;
            }
            if (paxSize != null) {
                size = paxSize;
            }
            entries++;
            // links, directories and devices carry no data whatever their size field says
            boolean hasData = type != '1' && type != '2' && type != '3' && type != '4' && type != '5' && type != '6';
            remaining = hasData ? size : 0;
            padding = hasData ? pad(size) : 0;
            int mode = (int) (octalOrZero(100, 8) & 07777);
            return new Entry(name, type, hasData ? size : 0, link.isEmpty() ? null : link, mode);
        }
    }

    /** The data of the current entry; reading past it returns -1. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new TarFormatException("the archive ends inside an entry's data");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private void skipRest() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
    }

    private void skip(long n) throws IOException {
        byte[] buf = n > 0 ? new byte[(int) Math.min(8192, n)] : null;
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                throw new TarFormatException("the archive ends inside an entry's data");
            }
            n -= r;
        }
    }

    /**
     * Reads a header block; false at a clean end of input (an empty body, or an archive whose
     * writer left out the end-of-archive blocks).
     */
    private boolean readBlock() throws IOException {
        int off = 0;
        while (off < BLOCK) {
            int n = in.read(header, off, BLOCK - off);
            if (n < 0) {
                if (off == 0) {
                    return false;
                }
                throw new TarFormatException("the archive ends inside a header");
            }
            off += n;
        }
        return true;
    }

    private byte[] meta(long size, String what) throws IOException {
        if (size > MAX_META_BYTES) {
            throw new TarFormatException(what + " of " + size + " bytes is larger than " + MAX_META_BYTES);
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new TarFormatException("the archive ends inside a " + what);
        }
        skip(pad(size));
        return data;
    }

    private record Pax(String path, String link, Long size) {
    }

    /** pax records: "LEN key=value\n", LEN counting the whole record in bytes. */
    private static Pax pax(byte[] data) throws TarFormatException {
        String path = null;
        String link = null;
        Long size = null;
        int pos = 0;
        while (pos < data.length) {
            if (data[pos] == 0) {
                break; // padding
            }
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new TarFormatException("malformed pax header record");
            }
            if (len <= space - pos + 1 || pos + len > data.length || data[pos + len - 1] != '\n') {
                throw new TarFormatException("malformed pax header record");
            }
            String record = new String(data, space + 1, pos + len - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq < 0) {
                throw new TarFormatException("malformed pax header record");
            }
            String key = record.substring(0, eq);
            String value = record.substring(eq + 1);
            switch (key) {
                case "path" -> path = value;
                case "linkpath" -> link = value;
                case "size" -> {
                    try {
                        size = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new TarFormatException("malformed pax size '" + value + "'");
                    }
                }
                default -> {
                    // other keys (times, owners, attributes) do not matter here
                }
            }
            pos += len;
        }
        return new Pax(path, link, size);
    }

    private String headerName() {
        String name = text(0, 100);
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r';
        // POSIX ustar (magic "ustar\0") splits long names into prefix/name; old GNU ("ustar  ") has no prefix
        if (ustar && header[262] == 0) {
            String prefix = text(345, 155);
            if (!prefix.isEmpty()) {
                return prefix + "/" + name;
            }
        }
        return name;
    }

    private void verifyChecksum() throws TarFormatException {
        long stored;
        try {
            stored = octal(148, 8);
        } catch (TarFormatException e) {
            throw new TarFormatException("not a tar archive (unreadable header checksum)");
        }
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new TarFormatException(entries == 0 ? "not a tar archive (header checksum mismatch)"
                    : "corrupt tar header after " + entries + " entries (checksum mismatch)");
        }
    }

    /** A numeric field: octal text, or GNU base-256 when the high bit of the first byte is set. */
    private long number(int off, int len, String what) throws TarFormatException {
        if ((header[off] & 0x80) != 0) {
            if (len > 9 && (header[off] & 0x40) != 0) {
                throw new TarFormatException("negative " + what);
            }
            long v = header[off] & 0x3f;
            for (int i = 1; i < len; i++) {
                if ((v >>> 55) != 0) {
                    throw new TarFormatException(what + " is too large");
                }
                v = (v << 8) | (header[off + i] & 0xff);
            }
            return v;
        }
        return octal(off, len);
    }

    private long octalOrZero(int off, int len) {
        try {
            return octal(off, len);
        } catch (TarFormatException e) {
            return 0;
        }
    }

    private long octal(int off, int len) throws TarFormatException {
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        boolean any = false;
        for (; i < end; i++) {
            byte b = header[i];
            if (b == 0 || b == ' ') {
                break;
            }
            if (b < '0' || b > '7') {
                throw new TarFormatException("not a tar archive (bad number in header)");
            }
            v = (v << 3) + (b - '0');
            any = true;
        }
        return any ? v : 0;
    }

    private String text(int off, int len) {
        int end = off;
        while (end < off + len && header[end] != 0) {
            end++;
        }
        return new String(header, off, end - off, StandardCharsets.UTF_8);
    }

    private static String cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static long pad(long size) {
        long rest = size % BLOCK;
        return rest == 0 ? 0 : BLOCK - rest;
    }

    /** How many entries (not counting meta entries) were read. */
    long entries() {
        return entries;
    }
}
