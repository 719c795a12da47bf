package dev.sandboxagent.core.files;

import dev.sandboxagent.core.error.SandboxException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a body through, counting; past {@code max} bytes it fails with a too-large refusal,
 * so an upload is stopped as soon as it passes the limit, never read to its end first.
 */
public final class SizeLimitedInputStream extends InputStream {

    private final InputStream in;
    private final long max;
    private long count;

    public SizeLimitedInputStream(InputStream in, long max) {
        this.in = in;
        this.max = max;
    }

    /** The refusal of an upload larger than {@code max} bytes. */
    public static SandboxException tooLarge(long max) {
        return SandboxException.tooLarge("the upload is larger than the limit of " + max + " bytes");
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        count += n;
        if (count > max) {
            throw tooLarge(max);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
