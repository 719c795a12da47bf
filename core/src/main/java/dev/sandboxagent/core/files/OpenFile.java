package dev.sandboxagent.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A regular file opened for reading, with the size it had when opened: {@link #copyTo} copies
 * at most that many bytes, so a file that grows meanwhile still matches a declared length.
 * The caller closes it.
 */
public record OpenFile(Path path, long size, String contentType, InputStream in) implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    /** Copies the file (at most {@link #size()} bytes) to {@code out}; returns the bytes copied. */
    public long copyTo(OutputStream out) throws IOException {
        return copy(in, out, size);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Copies at most {@code max} bytes from {@code in} to {@code out}; returns the bytes copied. */
    static long copy(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        while (total < max) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, max - total));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }
}
