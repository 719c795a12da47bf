package dev.sandboxagent.core.engine;

import dev.sandboxagent.core.testing.MockEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** An engine with the mock agent and one session "s" in a fresh directory, for the engine's tests. */
abstract class MockSessionFixture {

    @TempDir
    Path dir;
    MockEngine mock;

    @BeforeEach
    void setUp() {
        mock = MockEngine.withSession(dir, "s");
    }

    /** How many events session "s" has logged so far. */
    long size() {
        return mock.engine.getSession("s").eventCount();
    }
}
