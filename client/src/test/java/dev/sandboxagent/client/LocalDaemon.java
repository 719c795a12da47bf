package dev.sandboxagent.client;

import dev.sandboxagent.core.testing.MockEngine;
import dev.sandboxagent.http.CorsSettings;
import dev.sandboxagent.http.SandboxHttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The daemon's HTTP API in this JVM on an ephemeral port, backed by an engine with the mock agent. */
final class LocalDaemon implements AutoCloseable {

    final MockEngine mock;
    final Path home;
    private final SandboxHttpServer server;

    LocalDaemon(Path dataDir, String token) {
        this.mock = new MockEngine(dataDir);
        this.home = dataDir.resolve("home");
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = SandboxHttpServer.start(new SandboxHttpServer.Settings("127.0.0.1", 0, token, CorsSettings.none(),
                "test", home, SandboxHttpServer.DEFAULT_FS_MAX_UPLOAD_BYTES), mock.engine, mock.agents);
    }

    int port() {
        return server.port();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.stop();
        mock.engine.shutdown();
    }
}
