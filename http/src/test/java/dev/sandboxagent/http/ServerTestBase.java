package dev.sandboxagent.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * A test against a fresh server per test method: the real routes, the mock agent, a temporary
 * data directory, and the mock sessions the subclass names already created.
 */
public abstract class ServerTestBase {

    @TempDir
    protected Path dir;
    protected TestServer t;
    private final String[] mockSessions;

    protected ServerTestBase(String... mockSessions) {
        this.mockSessions = mockSessions;
    }

    @BeforeEach
    void startServer() {
        t = new TestServer(dir);
        for (String id : mockSessions) {
            t.createMockSession(id);
        }
    }

    @AfterEach
    void stopServer() {
        t.close();
    }
}
