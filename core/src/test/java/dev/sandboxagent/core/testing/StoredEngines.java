package dev.sandboxagent.core.testing;

import dev.sandboxagent.core.store.FileEventStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mock engines over one file store directory, one after the other, as successive daemon runs
 * are (small segments, a 16-event memory tail), in a temporary directory of its own. Closing
 * shuts every engine down, closes every store it opened and removes the directory.
 */
public final class StoredEngines implements AutoCloseable {

    private final Path dir;
    private final List<Runnable> cleanup = new ArrayList<>();
    private FileEventStore store;

    public StoredEngines() {
        try {
            this.dir = Files.createTempDirectory("stored-engines-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data directory; the logs are under its {@code sessions/}. */
    public Path dir() {
        return dir;
    }

    /** A new engine on a newly opened store (call {@link #crash()} on the previous one first). */
    public MockEngine next() {
        store = new FileEventStore(dir.resolve("sessions"), 64 * 1024, 16);
        MockEngine mock = new MockEngine(dir, store);
        cleanup.add(store::close);
        cleanup.add(mock.engine::shutdown);
        return mock;
    }

    /** The process dies: the store is closed (written out), its engine's sessions are never ended. */
    public void crash() {
        store.close();
    }

    @Override
    public void close() {
        cleanup.reversed().forEach(Runnable::run);
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
