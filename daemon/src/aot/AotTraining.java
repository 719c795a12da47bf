import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build step of the daemon module (run by Maven at {@code package}, as a single-file Java
 * program): creates the JDK ahead-of-time cache {@code target/sandbox-daemon.aot} (JEP 483/514/515)
 * that the launcher uses when present. A training run starts the packaged launcher with
 * {@code -XX:AOTCacheOutput}, asks for {@code /v1/health} (see {@link #workload}), and stops it
 * with SIGTERM; the JVM writes the cache as it exits.
 *
 * <p>Usage: {@code java AotTraining.java <dir> [<java home>]}: {@code <dir>} holds the launcher
 * {@code sandbox-daemon}, {@code sandbox-daemon.jar} and {@code libs/}; the cache is made for
 * {@code <java home>} (default: the JDK running this program), e.g. the distribution's jlink'd
 * runtime, since a cache only works with the runtime that made it. Needs JDK 25+ (single-step
 * {@code AOTCacheOutput}); skipped otherwise. Never fails the build: the cache only makes start-up
 * faster, and without it the launcher starts as before. The cache is rebuilt only when the jars,
 * the launcher or the JDK changed.
 */
public class AotTraining {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        Path launcher = target.resolve("sandbox-daemon");
        Path cache = target.resolve("sandbox-daemon.aot");
        Path stamp = target.resolve("sandbox-daemon.aot.jdk");
        String javaHome = args.length > 1 ? args[1] : System.getProperty("java.home");
        String jdk = javaHome + " " + Runtime.version();
        if (Runtime.version().feature() < 25) {
            System.out.println("[aot] JDK " + Runtime.version() + " cannot create an AOT cache in one step (needs 25+): skipped");
            Files.deleteIfExists(cache);
            return;
        }
        if (upToDate(target, cache, stamp, jdk)) {
            System.out.println("[aot] " + cache + " is up to date");
            return;
        }
        Files.deleteIfExists(cache); // the launcher would use it during training
        Files.deleteIfExists(stamp);
        long t0 = System.nanoTime();
        Path work = Files.createTempDirectory("sandbox-daemon-aot");
        try {
            train(launcher, cache, work, javaHome);
            if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
                throw new IOException("the JVM wrote no cache; see " + work.resolve("daemon.log"));
            }
            Files.writeString(stamp, jdk + "\n");
            System.out.printf("[aot] %s: %.1f MiB in %.1f s%n", cache, Files.size(cache) / 1048576.0,
                    (System.nanoTime() - t0) / 1e9);
            deleteTree(work);
        } catch (Exception e) {
            Files.deleteIfExists(cache);
            System.out.println("[aot] WARNING: no AOT cache, the daemon will start slower: " + e.getMessage()
                    + " (log in " + work + ")");
        }
    }

    /** The cache is newer than everything it was made from, by the same JDK. */
    private static boolean upToDate(Path target, Path cache, Path stamp, String jdk) throws IOException {
        if (!Files.isRegularFile(cache) || !Files.isRegularFile(stamp) || !Files.readString(stamp).strip().equals(jdk)) {
            return false;
        }
        FileTime made = Files.getLastModifiedTime(cache);
        List<Path> inputs = new ArrayList<>(List.of(target.resolve("sandbox-daemon"), target.resolve("sandbox-daemon.jar")));
        try (Stream<Path> libs = Files.list(target.resolve("libs"))) {
            libs.forEach(inputs::add);
        }
        for (Path p : inputs) {
            if (Files.getLastModifiedTime(p).compareTo(made) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static void train(Path launcher, Path cache, Path work, String javaHome) throws Exception {
        Path log = work.resolve("daemon.log");
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "server", "--no-token", "--port", "0",
                "--data-dir", work.resolve("data").toString())
                .directory(work.toFile())
                .redirectError(log.toFile());
        pb.environment().put("JAVA_HOME", javaHome); // the runtime that will run it
        pb.environment().put("SANDBOX_DAEMON_JAVA_OPTS", "-XX:AOTCacheOutput=" + cache);
        Process p = pb.start();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread out = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                    Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                }
            } catch (IOException ignored) {
                // the process ended
            }
            url.completeExceptionally(new IOException("the daemon exited before listening"));
        });
        try {
            workload(url.get(120, TimeUnit.SECONDS));
        } finally {
            p.destroy(); // SIGTERM: the JVM writes the cache while it exits
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the training daemon did not exit within 300 s");
            }
            out.join(5_000);
        }
    }

    /**
     * Start-up and a health check only. The JVM loads every class of an AOT cache when it starts
     * (AOT-linked classes), so each class the training touches costs idle RSS and start time in
     * every later start. Issue #15's targets are the start and idle RSS: trained on 220 mock turns,
     * SSE and errors (the earlier workload), the cache held ~4,500 classes (JSON-B, the engine, the
     * mock) and idle RSS was 9 MiB higher; the first turn now loads those classes from the jars.
     */
    private static void workload(String base) throws Exception {
        URI uri = URI.create(base);
        Client c = new Client(uri.getHost(), uri.getPort());
        c.call("GET", "/v1/health", null, 200);
    }

    /**
     * One request per connection ({@code Connection: close}), written in one piece with
     * TCP_NODELAY: the JDK's HttpClient sends a POST body apart from its head, and Nagle's
     * algorithm with delayed ACKs then adds ~40 ms to every POST.
     */
    private record Client(String host, int port) {
        /** The response body (de-chunked), after checking the status. */
        String call(String method, String path, String json, int expected) throws IOException {
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            try (Socket s = new Socket(host, port)) {
                s.setTcpNoDelay(true);
                s.setSoTimeout(60_000);
                String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n";
                OutputStream out = s.getOutputStream();
                byte[] request = new byte[head.length() + body.length];
                System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, request, 0, head.length());
                System.arraycopy(body, 0, request, head.length(), body.length);
                out.write(request);
                out.flush();
                InputStream in = new BufferedInputStream(s.getInputStream());
                String status = line(in);
                long length = -1;
                boolean chunked = false;
                for (String h = line(in); !h.isEmpty(); h = line(in)) {
                    String lower = h.toLowerCase(java.util.Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(h.substring(15).trim());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    }
                }
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                if (chunked) {
                    for (long n = Long.parseLong(line(in).trim(), 16); n > 0; n = Long.parseLong(line(in).trim(), 16)) {
                        content.write(in.readNBytes((int) n));
                        line(in); // the CRLF after the chunk
                    }
                } else if (length > 0) {
                    content.write(in.readNBytes((int) length));
                }
                // (Helidon keeps the connection open despite Connection: close; the body is complete.)
                String text = content.toString(StandardCharsets.UTF_8);
                int code = status.length() >= 12 ? Integer.parseInt(status.substring(9, 12)) : -1;
                if (code != expected) {
                    throw new IOException(method + " " + path + ": expected " + expected + ", got " + status + " " + text);
                }
                return text;
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed mid-response");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
