package dev.sandboxagent.client;

import dev.sandboxagent.core.port.AgentService;
import dev.sandboxagent.core.port.Sandbox;
import dev.sandboxagent.core.port.SessionService;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A sandbox-agent daemon elsewhere (in a sandbox, say), through the same ports the engine
 * implements in process: {@link #sessions()} and {@link #agents()}, plus the daemon's file
 * routes ({@link #files()}). Thread-safe; one client per daemon is enough. Closing it closes
 * its connections (and the event streams it opened), never the daemon's sessions.
 * <pre>{@code
 * try (SandboxClient c = SandboxClient.connect(URI.create("http://127.0.0.1:2468"), token)) {
 *     c.sessions().createSession("s1", CreateSessionRequest.forAgent("mock"));
 * }
 * }</pre>
 */
public final class SandboxClient implements Sandbox {

    private final Transport transport;
    private final SessionService sessions;
    private final RemoteAgentService agents;
    private final SandboxFiles files;

    private SandboxClient(Transport transport) {
        this.transport = transport;
        this.sessions = new RemoteSessionService(transport);
        this.agents = new RemoteAgentService(transport);
        this.files = new SandboxFiles(transport, null);
    }

    /** A client of the daemon at {@code endpoint} (e.g. {@code http://127.0.0.1:2468}); {@code token} null for {@code --no-token}. */
    public static SandboxClient connect(URI endpoint, String token) {
        return builder(endpoint).token(token).build();
    }

    public static Builder builder(URI endpoint) {
        return new Builder(endpoint);
    }

    @Override
    public SessionService sessions() {
        return sessions;
    }

    @Override
    public AgentService agents() {
        return agents;
    }

    /** The daemon's files (paths relative to its home, or to a session's directory with {@link SandboxFiles#inSession}). */
    public SandboxFiles files() {
        return files;
    }

    @Override
    public void close() {
        transport.close();
    }

    /** Settings of a {@link SandboxClient}; every one has a default. */
    public static final class Builder {

        private final URI endpoint;
        private String token;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofMinutes(10); // creating a session may install an agent
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Executor executor;
        private ReconnectPolicy reconnect = ReconnectPolicy.defaults();

        private Builder(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            String scheme = endpoint.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("the endpoint must be an http:// or https:// URL, not '"
                        + endpoint + "'");
            }
        }

        /** The daemon's bearer token; null (the default) for a daemon started with {@code --no-token}. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** How long to wait for a connection (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How long to wait for an answer, event streams and file bodies excepted (default 10 min). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** A header sent with every request (e.g. for a proxy in front of the sandbox). */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /** The executor of the HTTP client's asynchronous work (default: the JDK's own). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor);
            return this;
        }

        /** How event streams reconnect after a broken connection (default {@link ReconnectPolicy#defaults()}). */
        public Builder reconnectPolicy(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy);
            return this;
        }

        public SandboxClient build() {
            HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
            if (executor != null) {
                http.executor(executor);
            }
            Map<String, String> all = new LinkedHashMap<>(headers);
            if (token != null) {
                all.put("Authorization", "Bearer " + token);
            }
            return new SandboxClient(new Transport(endpoint, http.build(), all, requestTimeout, reconnect));
        }
    }
}
