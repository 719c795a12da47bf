package dev.sandboxagent.bench;

import dev.sandboxagent.client.SandboxClient;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.MessageRequest;
import dev.sandboxagent.core.schema.UniversalEvent;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bench/client-throughput: how fast the Java client follows a session, against a raw SSE reader
 * on the same daemon. The packaged daemon runs a mock {@code burst N}; once the turn ended, both
 * readers follow the session from its start to that turn's end, in alternation, several rounds:
 * the raw reader splits SSE frames and keeps each data line (no JSON decoding); the client hands
 * out core's event records (SSE, JSON decoding, schema records). Prints events/s of each and
 * the client's share of the raw figure (target: at least 70 %). Exits 1 when a reader lost or
 * repeated events, never because of a time.
 */
public final class ClientThroughput {

    private ClientThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int deltas = 100_000;
        int rounds = 5;
        Path launcher = Path.of("daemon/target/sandbox-daemon");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--deltas" -> deltas = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--launcher" -> launcher = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: bench/client-throughput [--deltas N (100000)] [--rounds N (5)]"
                            + " [--launcher PATH]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("sandbox-client-bench");
        try (DaemonProcess daemon = DaemonProcess.startOurs(launcher.toAbsolutePath(), dir, Map.of());
             SandboxClient client = SandboxClient.connect(URI.create("http://127.0.0.1:" + daemon.port()), null)) {
            client.sessions().createSession("b", CreateSessionRequest.forAgent("mock"));
            long total;
            try (EventStream turn = client.sessions().postMessageAndFollowTurn("b", MessageRequest.of("burst " + deltas))) {
                turn.stream().forEach(e -> { });
            }
            total = client.sessions().getSession("b").eventCount();
            System.out.printf("daemon: mock burst of %d deltas, %d events in the log; %d rounds each%n", deltas, total,
                    rounds);
            List<Double> raw = new ArrayList<>();
            List<Double> jdk = new ArrayList<>();
            List<Double> viaClient = new ArrayList<>();
            double[] cpu = new double[3]; // this JVM's CPU seconds spent reading: raw, java.net.http, client
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                for (int r = 0; r < rounds; r++) {
                    raw.add(rate(total, cpu, 0, () -> raw(daemon.port(), total)));
                    jdk.add(rate(total, cpu, 1, () -> jdkBytes(http, daemon.port(), total)));
                    viaClient.add(rate(total, cpu, 2, () -> viaClient(client, total)));
                }
            }
            Stats.Summary r = line("raw SSE reader", raw, cpu[0], total * rounds);
            line("java.net.http, bytes only", jdk, cpu[1], total * rounds);
            Stats.Summary c = line("Java client", viaClient, cpu[2], total * rounds);
            System.out.printf("client / raw: %.0f %% (target >= 70 %%); CPU is this JVM's, all threads, per event%n",
                    100 * c.median() / r.median());
        } finally {
            Bench.deleteTree(dir);
        }
    }

    private static Stats.Summary line(String label, List<Double> rates, double cpuSeconds, long events) {
        Stats.Summary s = Stats.summary(rates);
        System.out.printf("%-26s %,10.0f events/s (median; min %,.0f, max %,.0f), CPU %.2f us/event%n", label + ":",
                s.median(), s.min(), s.max(), 1e6 * cpuSeconds / events);
        return s;
    }

    /** The floor of any java.net.http client: the SSE body's bytes, frames counted, nothing decoded. */
    private static long jdkBytes(HttpClient http, int port, long total) throws Exception {
        HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/sessions/b/events/sse?include_raw=true&close_at_end=true")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = res.body()) {
            byte[] buf = new byte[64 * 1024];
            long n = 0;
            byte previous = 0;
            int k;
            while (n < total && (k = in.read(buf)) > 0) {
                for (int i = 0; i < k; i++) {
                    if (buf[i] == '\n' && previous == '\n') {
                        n++;
                    }
                    previous = buf[i];
                }
            }
            return n;
        }
    }

    private interface Reader {
        long read() throws Exception;
    }

    /** Events per second of one read of the whole log; fails when the reader did not get exactly {@code total}. */
    private static double rate(long total, double[] cpu, int slot, Reader reader) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long got = reader.read();
        double seconds = (System.nanoTime() - t0) / 1e9;
        cpu[slot] += (os.getProcessCpuTime() - c0) / 1e9;
        if (got != total) {
            System.err.println("bench: a reader got " + got + " events instead of " + total);
            System.exit(1);
        }
        return total / seconds;
    }

    private static long raw(int port, long total) throws Exception {
        try (HttpConnection c = HttpConnection.open("127.0.0.1", port)) {
            var s = c.stream("GET", "/v1/sessions/b/events/sse?include_raw=true", null);
            try (InputStream body = s.body()) {
                SseReader r = new SseReader(body);
                long n = 0;
                long last = 0;
                while (n < total && r.next()) {
                    if (r.id() != last + 1 || r.data() == null) {
                        return -1;
                    }
                    last = r.id();
                    n++;
                }
                return n;
            }
        }
    }

    private static long viaClient(SandboxClient client, long total) throws Exception {
        try (EventStream s = client.sessions().follow("b", 0)) {
            long n = 0;
            long last = 0;
            while (n < total) {
                for (UniversalEvent e : s.poll(Duration.ofSeconds(10))) {
                    if (e.sequence() != last + 1 || e.type() == null) {
                        return -1;
                    }
                    last = e.sequence();
                    n++;
                }
                if (s.isFinished()) {
                    break;
                }
            }
            return n;
        }
    }
}
