package dev.sandboxagent.adapters.opencode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between the adapter and {@code opencode serve} that can cut the {@code /event}
 * streams while the server lives. {@link #cut()} closes the adapter's side of every event
 * connection and holds new {@code GET /event} requests until {@link #resume()}, so the test
 * decides what OpenCode does in the gap. The server's side of a cut stream is still read: its
 * bytes go to a tap, which tells the test what the adapter missed ({@link #awaitTap}). Other
 * requests pass untouched.
 */
final class CuttingProxy implements AutoCloseable {

    private static final byte[] EVENT_REQUEST = "GET /event".getBytes(StandardCharsets.US_ASCII);
    private static final Duration WAIT = Duration.ofSeconds(90);

    /** One proxied connection; {@code event} once a {@code GET /event} went through it. */
    private static final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean event;
        volatile boolean cut;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }
    }

    private final ServerSocket server;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream tap = new ByteArrayOutputStream();
    private volatile int targetPort;
    private boolean holding;

    CuttingProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("cutting-proxy").start(this::acceptLoop);
    }

    /** The adapter's route: the server's own URL becomes the proxy's. */
    String route(String serverUrl) {
        targetPort = URI.create(serverUrl).getPort();
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /**
     * Cuts the live event streams (fails when there is none) and holds new ones; returns the
     * tap's position for {@link #awaitTap}.
     */
    synchronized int cut() {
        holding = true;
        boolean any = false;
        for (Link l : links) {
            if (l.event && !l.cut) {
                l.cut = true;
                any = true;
                close(l.client);
            }
        }
        if (!any) {
            throw new AssertionError("there was no event stream to cut");
        }
        return tap.size();
    }

    /** Lets held and new event requests through; the server sides of cut streams are closed. */
    synchronized void resume() {
        holding = false;
        notifyAll();
        for (Link l : links) {
            if (l.cut) {
                close(l.upstream);
                links.remove(l);
            }
        }
    }

    /** Waits until the server's event streams carried {@code needle} after tap position {@code from}. */
    synchronized void awaitTap(String needle, int from) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!tap.toString(StandardCharsets.UTF_8).substring(from).contains(needle)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                String seen = tap.toString(StandardCharsets.UTF_8).substring(from);
                throw new AssertionError("opencode's event stream did not carry " + needle + " within " + WAIT
                        + "; after the cut it carried: " + (seen.length() > 4000 ? "…" + seen.substring(seen.length() - 4000) : seen));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Link link = new Link(client, upstream);
                links.add(link);
                Thread.ofVirtual().start(() -> toServer(link));
                Thread.ofVirtual().start(() -> toClient(link));
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection fail
            }
        }
    }

    private void toServer(Link link) {
        byte[] buf = new byte[16384];
        try {
            // (closing a socket's stream closes the socket: the upstream of a cut stream must stay open)
            InputStream in = link.client.getInputStream();
            OutputStream out = link.upstream.getOutputStream();
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (!link.event && contains(buf, n, EVENT_REQUEST)) {
                    awaitNotHolding();
                    link.event = true;
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the connection ended
        } finally {
            if (!link.cut) {
                close(link.upstream);
            }
        }
    }

    private void toClient(Link link) {
        byte[] buf = new byte[16384];
        try {
            InputStream in = link.upstream.getInputStream();
            OutputStream out = link.client.getOutputStream();
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (link.event) {
                    synchronized (this) {
                        tap.write(buf, 0, n);
                        notifyAll();
                    }
                }
                if (!link.cut) {
                    try {
                        out.write(buf, 0, n);
                        out.flush();
                    } catch (IOException e) {
                        if (!link.cut) {
                            throw e;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the connection ended
        } finally {
            close(link.client);
            if (!link.cut) {
                links.remove(link);
            }
        }
    }

    private synchronized void awaitNotHolding() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (holding && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    private static boolean contains(byte[] buf, int n, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= n; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        links.forEach(l -> {
            close(l.client);
            close(l.upstream);
        });
    }
}
