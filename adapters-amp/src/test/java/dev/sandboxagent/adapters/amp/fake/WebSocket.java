package dev.sandboxagent.adapters.amp.fake;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The server side of one WebSocket connection (RFC 6455), just what the fake Amp server needs:
 * text messages (fragmented or not), ping/pong and close. Client frames are masked, ours are not.
 * {@link #receive()} is called by the one thread that owns the connection; {@link #send} from any.
 */
public final class WebSocket implements AutoCloseable {

    private static final int TEXT = 1;
    private static final int CLOSE = 8;
    private static final int PING = 9;
    private static final int PONG = 10;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean closed;

    WebSocket(Socket socket, InputStream in, OutputStream out) {
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    /** The next text (or binary, decoded as UTF-8) message, or null once the connection is closed. */
    public String receive() {
        try {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int b0 = in.read();
                if (b0 < 0) {
                    return null;
                }
                int b1 = readByte();
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0f;
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
                byte[] payload = in.readNBytes((int) length);
                if (payload.length != length) {
                    return null;
                }
                if (mask != null) {
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                }
                switch (opcode) {
                    case CLOSE -> {
                        close(); // answers with a normal close
                        return null;
                    }
                    case PING -> frame(PONG, payload);
                    case PONG -> { }
                    default -> {
                        message.write(payload);
                        if (fin) {
                            return message.toString(StandardCharsets.UTF_8);
                        }
                    }
                }
            }
        } catch (IOException e) {
            close();
            return null;
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    /** Sends one text message; false when the connection is gone. */
    public boolean send(String text) {
        try {
            frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            close();
            return false;
        }
    }

    private synchronized void frame(int opcode, byte[] payload) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 10);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(payload.length);
        } else if (payload.length < 65536) {
            f.write(126);
            f.write(payload.length >>> 8);
            f.write(payload.length & 0xff);
        } else {
            f.write(127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) (((long) payload.length >>> (8 * i)) & 0xff));
            }
        }
        f.write(payload);
        out.write(f.toByteArray());
        out.flush();
    }

    /** Sends a normal close frame (when still possible) and closes the socket. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                frame(CLOSE, new byte[] {0x03, (byte) 0xe8});
            } catch (IOException ignored) {
                // the peer is gone already
            }
            closed = true;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
