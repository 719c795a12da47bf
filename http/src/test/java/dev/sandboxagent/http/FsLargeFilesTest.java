package dev.sandboxagent.http;

import dev.sandboxagent.core.testing.TarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import static dev.sandboxagent.http.SessionsApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Large bodies stream: a 100 MB file goes up and comes back down without the heap growing by
 * anything like its size (measured after a full GC at the 90 MB mark of each transfer, in this
 * JVM, which holds both client and server), and uploads over the limit are refused without
 * leaving anything behind.
 */
class FsLargeFilesTest {

    private static final long SIZE = 100L << 20;
    private static final long PROBE_AT = 90L << 20;
    /** Far below the 90 MB a buffered body would pin; well above GC noise. */
    private static final long MAX_GROWTH = 40L << 20;

    @TempDir
    Path dir;

    @Test
    void a100MegabyteFileStreamsUpAndDown() throws Exception {
        try (TestServer t = new TestServer(dir)) {
            long baseline = usedHeapAfterGc();
            AtomicLong duringUpload = new AtomicLong(-1);
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            InputStream generated = new PatternStream(SIZE, sent, () -> duringUpload.set(usedHeapAfterGc()));
            HttpRequest put = t.request("/v1/fs/file?path=big/file.bin")
                    .timeout(java.time.Duration.ofMinutes(5))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> generated),
                            SIZE))
                    .build();
            var res = t.send(put);
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            assertThat(TestServer.parse(res.body()).getJsonNumber("bytesWritten").longValue()).isEqualTo(SIZE);
            Path file = t.home.resolve("big/file.bin");
            assertThat(Files.size(file)).isEqualTo(SIZE);
            assertThat(duringUpload.get()).as("heap was probed during the upload").isPositive();
            assertThat(duringUpload.get() - baseline).as("heap growth during a 100 MB upload")
                    .isLessThan(MAX_GROWTH);

            HttpResponse<InputStream> down = t.client.send(t.request("/v1/fs/file?path=big/file.bin")
                    .timeout(java.time.Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(down.statusCode()).isEqualTo(200);
            assertThat(down.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long total = 0;
            long duringDownload = -1;
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = down.body()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    received.update(buf, 0, n);
                    if (total < PROBE_AT && total + n >= PROBE_AT) {
                        duringDownload = usedHeapAfterGc();
                    }
                    total += n;
                }
            }
            assertThat(total).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
            assertThat(duringDownload - baseline).as("heap growth during a 100 MB download").isLessThan(MAX_GROWTH);
        }
    }

    @Test
    void uploadsOverTheLimitAreRefusedAndLeaveNothing() throws Exception {
        long limit = 1 << 20;
        try (TestServer t = new TestServer(dir, TestServer.TOKEN, CorsSettings.none(), limit)) {
            // declared too large: refused before reading
            // (Expect: 100-continue, so the client waits for the refusal instead of writing a body the
            // server will not read: without it, a loaded machine could see the connection closed
            // mid-body before the 413 was read — the CI run of 2026-12-08 did.)
            var declared = fresh(t.request("/v1/fs/file?path=too-big.bin").expectContinue(true)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) limit + 1])).build());
            assertProblem(declared, 413, "invalid_request");
            // exactly the limit is fine
            assertThat(fresh(t.request("/v1/fs/file?path=just-right.bin")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) limit])).build()).statusCode()).isEqualTo(200);
            // a streamed (chunked) body is cut off once it passes the limit
            int status;
            try {
                status = fresh(t.request("/v1/fs/file?path=streamed.bin")
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(3 * limit, null, null)))
                        .build()).statusCode();
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                status = 413; // the server may close the connection before the client finishes sending
            }
            assertThat(status).isEqualTo(413);
            // an archive that expands past the limit (a gzip bomb) extracts nothing
            byte[] bomb = new TarWriter().file("small.txt", "s").file("zeros.bin", new byte[3 * (int) limit], 0644).gzipped();
            assertThat(bomb.length).isLessThan((int) limit);
            // A fresh client each time: the refusals above closed their connections mid-body.
            var res = fresh(t.request("/v1/fs/upload-batch?path=bomb").POST(HttpRequest.BodyPublishers.ofByteArray(bomb))
                    .build());
            assertProblem(res, 413, "invalid_request");
            assertProblem(fresh(t.request("/v1/fs/upload-batch?path=big-tar").expectContinue(true)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) limit + 512])).build()), 413, "invalid_request");

            try (var files = Files.walk(t.home)) {
                assertThat(files.filter(Files::isRegularFile).map(p -> t.home.relativize(p).toString()))
                        .containsExactly("just-right.bin");
            }
        }
    }

    private static java.net.http.HttpResponse<String> fresh(HttpRequest request) throws Exception {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** {@code size} bytes of a repeating pattern, digested as read, with a callback at {@link #PROBE_AT}. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private final Runnable probe;
        private long pos;

        PatternStream(long size, MessageDigest digest, Runnable probe) {
            this.size = size;
            this.digest = digest;
            this.probe = probe;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) {
                long p = pos + i;
                b[off + i] = (byte) (p * 31 + (p >>> 13));
            }
            if (digest != null) {
                digest.update(b, off, n);
            }
            if (probe != null && pos < PROBE_AT && pos + n >= PROBE_AT) {
                probe.run();
            }
            pos += n;
            return n;
        }
    }
}
