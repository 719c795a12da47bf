package dev.sandboxagent.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket: requests with an optional JSON body,
 * responses with a Content-Length, chunked, or read-to-close body. Deliberately minimal, so that
 * the benchmark measures the daemon rather than a client library (a thousand of these run on
 * virtual threads at once). Not thread-safe: one request at a time.
 */
final class HttpConnection implements Closeable {

    /** A whole response. */
    record Response(int status, String body) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String hostHeader;
    private boolean reusable = true;

    private HttpConnection(Socket socket, String host, int port) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8 * 1024);
        this.hostHeader = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    static HttpConnection open(String host, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), 10_000);
            return new HttpConnection(s, host, port);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    boolean reusable() {
        return reusable && !socket.isClosed();
    }

    /** Sends a request and reads the whole response. */
    Response call(String method, String path, String jsonBody) throws IOException {
        send(method, path, jsonBody, null);
        Head head = readHead();
        try (InputStream body = body(head, method)) {
            return new Response(head.status, new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Sends a request and returns once the response head is in: its status, and its body as a
     * stream (de-chunked) for server-sent events. The connection is used up by the stream.
     */
    Streaming stream(String method, String path, String jsonBody) throws IOException {
        send(method, path, jsonBody, "Accept: text/event-stream\r\n");
        Head head = readHead();
        reusable = false;
        return new Streaming(head.status, body(head, method));
    }

    record Streaming(int status, InputStream body) {
    }

    private void send(String method, String path, String jsonBody, String extraHeaders) throws IOException {
        byte[] body = jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        } else if (method.equals("POST") || method.equals("PUT")) {
            head.append("Content-Length: 0\r\n");
        }
        if (extraHeaders != null) {
            head.append(extraHeaders);
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    private record Head(int status, long contentLength, boolean chunked, boolean close) {
    }

    private Head readHead() throws IOException {
        String status = readLine(in);
        if (status == null) {
            throw new EOFException("connection closed before a response");
        }
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = status.startsWith("HTTP/1.0");
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        if (close) {
            reusable = false;
        }
        return new Head(code, length, chunked, close);
    }

    private InputStream body(Head head, String method) {
        if (method.equals("HEAD") || head.status == 204 || head.status == 304 || head.status / 100 == 1) {
            return InputStream.nullInputStream();
        }
        if (head.chunked) {
            return new ChunkedInputStream(in);
        }
        if (head.contentLength >= 0) {
            return new BoundedInputStream(in, head.contentLength);
        }
        reusable = false;
        return new BoundedInputStream(in, Long.MAX_VALUE); // until the server closes
    }

    /** A line of the response head (ISO-8859-1), without its CRLF; null at end of stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** At most {@code remaining} bytes of the underlying stream; closing it does not close that stream. */
    static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            } else if (n < 0 && remaining != Long.MAX_VALUE) {
                throw new EOFException("connection closed with " + remaining + " body bytes missing");
            }
            return n;
        }

        @Override
        public void close() {
            // the connection stays open
        }
    }

    /** A chunked transfer-coded body, decoded; closing it does not close the underlying stream. */
    static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private long chunkLeft;
        private boolean first = true;
        private boolean eof;

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        private boolean nextChunk() throws IOException {
            if (eof) {
                return false;
            }
            if (!first) {
                String crlf = readLine(in); // the CRLF after the previous chunk's data
                if (crlf == null || !crlf.isEmpty()) {
                    throw new IOException("malformed chunked body: " + crlf);
                }
            }
            first = false;
            String size = readLine(in);
            if (size == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semi = size.indexOf(';');
            chunkLeft = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
            if (chunkLeft == 0) {
                for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
                    // trailers are ignored
                }
                eof = true;
                return false;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (chunkLeft == 0 && !nextChunk()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("connection closed inside a chunk");
            }
            chunkLeft -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(chunkLeft, in.available());
        }

        @Override
        public void close() {
            // the connection stays open
        }
    }
}
