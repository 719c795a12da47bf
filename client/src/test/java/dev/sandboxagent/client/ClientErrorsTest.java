package dev.sandboxagent.client;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import dev.sandboxagent.core.port.CreateSessionRequest;
import dev.sandboxagent.core.port.EventStream;
import dev.sandboxagent.core.port.MessageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two ways a call fails: the daemon's own answer (SandboxException) or no daemon at all. */
class ClientErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aWrongOrMissingTokenIsTokenInvalid() {
        try (LocalDaemon daemon = new LocalDaemon(dir, "right");
             SandboxClient wrong = SandboxClient.connect(daemon.uri(), "wrong");
             SandboxClient none = SandboxClient.connect(daemon.uri(), null)) {
            for (SandboxClient c : new SandboxClient[] {wrong, none}) {
                assertThatThrownBy(() -> c.sessions().listSessions()).isInstanceOfSatisfying(SandboxException.class,
                        e -> {
                            assertThat(e.type()).isEqualTo(ErrorType.TOKEN_INVALID);
                            assertThat(e.kind()).isEqualTo(ErrorKind.AS_TYPED);
                        });
            }
        }
    }

    @Test
    void noDaemonIsAClearlyWordedDistinctException() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try (SandboxClient c = SandboxClient.connect(endpoint, null)) {
            assertThatThrownBy(() -> c.sessions().listSessions())
                    .isInstanceOf(DaemonUnreachableException.class)
                    .isNotInstanceOf(SandboxException.class)
                    .hasMessageStartingWith("cannot reach the sandbox daemon at " + endpoint)
                    .hasMessageContaining("is it running")
                    .satisfies(e -> assertThat(((DaemonUnreachableException) e).endpoint()).isEqualTo(endpoint));
        }
    }

    @Test
    void anAnswerThatIsNotProblemJsonIsTypedFromItsStatus() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (true) {
                    try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                        s.getInputStream().read(new byte[8192]);
                        out.write(("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: 11\r\n"
                                + "Connection: close\r\n\r\n<h1>bad</h1>").getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            try (SandboxClient c = SandboxClient.connect(URI.create("http://127.0.0.1:" + server.getLocalPort()), null)) {
                assertThatThrownBy(() -> c.sessions().getSession("s")).isInstanceOfSatisfying(SandboxException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.STREAM_ERROR);
                    assertThat(e.kind()).isEqualTo(ErrorKind.AS_TYPED);
                    assertThat(e.getMessage()).contains("HTTP 502 without a problem+json body");
                });
            }
        }
    }

    @Test
    void aStreamWhoseDaemonStaysAwayFailsAfterTheReconnectPolicy() throws Exception {
        LocalDaemon daemon = new LocalDaemon(dir, null);
        try (SandboxClient c = SandboxClient.builder(daemon.uri())
                .reconnectPolicy(new ReconnectPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20))).build()) {
            c.sessions().createSession("s", CreateSessionRequest.forAgent("mock"));
            c.sessions().postMessage("s", MessageRequest.of("hang"));
            EventStream s = c.sessions().follow("s", 0);
            assertThat(s.poll(Duration.ofSeconds(5))).isNotEmpty();
            daemon.close();
            assertThatThrownBy(() -> {
                while (!s.isFinished()) {
                    s.poll(Duration.ofSeconds(5));
                }
            }).isInstanceOf(DaemonUnreachableException.class);
            assertThat(s.isFinished()).isTrue();
        } finally {
            daemon.close();
        }
    }

    @Test
    void theEndpointMustBeHttp() {
        assertThatThrownBy(() -> SandboxClient.connect(URI.create("ftp://x"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
    }
}
