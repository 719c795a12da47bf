package dev.sandboxagent.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of a daemon that, while {@link #cutting} is on, cuts event-stream
 * connections ({@code /events/sse}) after a random number of bytes of the answer, mid-frame
 * or mid-header alike: both sockets are closed at once, as a broken network would. Other
 * connections pass untouched. Counts the cuts and the event-stream connections still open.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Random random;
    private final int maxBytesBeforeCut;
    private final AtomicInteger cuts = new AtomicInteger();
    private final Set<Socket> openStreams = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> resumes = new ConcurrentHashMap<>();
    volatile boolean cutting;

    private static final Pattern LAST_EVENT_ID = Pattern.compile("(?i)last-event-id: *(\\d+)");

    CuttingProxy(int targetPort, long seed, int maxBytesBeforeCut) throws IOException {
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.random = new Random(seed);
        this.maxBytesBeforeCut = maxBytesBeforeCut;
        Thread.ofVirtual().name("cutting-proxy").start(this::accept);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    int cuts() {
        return cuts.get();
    }

    /** Event-stream connections whose client has not closed them yet. */
    int openStreams() {
        return openStreams.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One client connection: requests pass as they come; the answers may be cut once a stream was asked for. */
    private final class Relay {
        final Socket client;
        final Socket upstream;
        volatile long sent; // bytes of answers passed to the client
        volatile long cutAt = Long.MAX_VALUE;

        Relay(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        /** Client to daemon (connections are reused: any request on it may be the stream's). */
        void requests() {
            try (client; upstream) {
                InputStream in = client.getInputStream();
                OutputStream out = upstream.getOutputStream();
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    String request = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                    if (request.contains("/events/sse")) {
                        openStreams.add(client);
                        if (cutting && cutAt == Long.MAX_VALUE) {
                            cutAt = sent + budget(request);
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // closed
            } finally {
                openStreams.remove(client); // the client closed its connection
            }
        }

        /** Daemon to client, until either side closes or the cut. */
        void answers() {
            try (client; upstream) {
                InputStream from = upstream.getInputStream();
                OutputStream to = client.getOutputStream();
                byte[] buf = new byte[16 * 1024];
                int n;
                while ((n = from.read(buf)) > 0) {
                    long limit = cutAt;
                    if (sent + n >= limit) {
                        to.write(buf, 0, (int) (limit - sent));
                        to.flush();
                        cuts.incrementAndGet();
                        return;
                    }
                    to.write(buf, 0, n);
                    to.flush();
                    sent += n;
                }
            } catch (IOException ignored) {
                // closed
            } finally {
                openStreams.remove(client);
            }
        }
    }

    /**
     * Bytes before the cut: random up to {@code maxBytesBeforeCut}, doubled each time a client
     * resumes from the same event again, so that an event larger than that still gets through
     * (a network that always cuts before the end of a frame could never deliver it).
     */
    private long budget(String request) {
        Matcher m = LAST_EVENT_ID.matcher(request);
        int retries = m.find() ? resumes.merge(m.group(1), 1, Integer::sum) - 1 : 0;
        synchronized (random) {
            return (1 + random.nextInt(maxBytesBeforeCut)) * (1L << Math.min(retries, 16));
        }
    }

    private void relay(Socket client) {
        try {
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            Relay r = new Relay(client, upstream);
            Thread.ofVirtual().start(r::requests);
            r.answers();
        } catch (IOException e) {
            try {
                client.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
