package dev.sandboxagent.core.store;

import dev.sandboxagent.core.files.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps each session's log in its own directory under {@code root} ({@link FileSessionLog}).
 *
 * <p>Durability (the fsync policy): appended events are written to the files (the OS page cache)
 * by a flusher every {@value #FLUSH_MILLIS} ms, so a crash of the daemon alone (SIGKILL, OOM
 * killer) loses at most that much; files are forced to the device every {@value #SYNC_MILLIS} ms
 * and when a session ends, so a power loss loses at most about a second. Either way what is left
 * is a prefix of what clients were sent: a torn last record is dropped on start.
 */
public final class FileEventStore implements EventStore {

    public static final int DEFAULT_TAIL_EVENTS = 1024;
    static final long FLUSH_MILLIS = 10;
    static final long SYNC_MILLIS = 1000;
    private static final System.Logger LOG = System.getLogger(FileEventStore.class.getName());

    private final Path root;
    private final long segmentBytes;
    private final int tailEvents;
    private final StoreLock lock;
    private final ConcurrentMap<String, FileSessionLog> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private volatile String problem;
    private long ticks;

    /** A store under {@code root} with 64 MiB segments; refuses a root another process uses. */
    public static FileEventStore open(Path root) {
        return new FileEventStore(root, 64L << 20, DEFAULT_TAIL_EVENTS);
    }

    public FileEventStore(Path root, long segmentBytes, int tailEvents) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StoreException("cannot create " + root + ": " + e.getMessage(), e);
        }
        this.root = root;
        this.segmentBytes = segmentBytes;
        this.tailEvents = tailEvents;
        this.lock = StoreLock.acquire(root);
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "event-store-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::tick, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        boolean sync = ++ticks % (SYNC_MILLIS / FLUSH_MILLIS) == 0;
        String failure = null;
        for (var e : open.entrySet()) {
            FileSessionLog log = e.getValue();
            try {
                if (sync && log.needsSync()) {
                    log.sync();
                } else if (log.needsFlush()) {
                    log.flush();
                }
            } catch (IOException | RuntimeException ex) {
                failure = "session " + e.getKey() + ": " + ex.getMessage();
                LOG.log(System.Logger.Level.WARNING, "writing the event log failed: " + failure);
            }
        }
        problem = failure;
    }

    private Path dir(String sessionId) {
        if (sessionId.isEmpty() || sessionId.startsWith(".") || sessionId.contains("/")
                || sessionId.contains("\\")) {
            throw new IllegalArgumentException("session id '" + sessionId + "' cannot name a directory");
        }
        return root.resolve(sessionId);
    }

    @Override
    public SessionLogStore create(String sessionId) {
        Path dir = dir(sessionId);
        try {
            deleteTree(dir);
            Files.createDirectories(dir);
            FileSessionLog log = new FileSessionLog(dir, segmentBytes, LogScan.fresh());
            replace(sessionId, log);
            return log;
        } catch (IOException e) {
            problem = "cannot create " + dir + ": " + e.getMessage();
            throw new StoreException(problem, e);
        }
    }

    private void replace(String sessionId, FileSessionLog log) {
        FileSessionLog old = open.put(sessionId, log);
        if (old != null) {
            old.close();
        }
    }

    @Override
    public List<RecoveredLog> recover() {
        List<RecoveredLog> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String id = dir.getFileName().toString();
                try {
                    LogScan scan = LogScan.recover(dir, segmentBytes);
                    FileSessionLog log = new FileSessionLog(dir, segmentBytes, scan);
                    replace(id, log);
                    Path meta = dir.resolve(FileSessionLog.META);
                    out.add(new RecoveredLog(id, Files.exists(meta) ? Files.readAllBytes(meta) : null, log,
                            scan.damage()));
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot recover the event log in " + dir + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void delete(String sessionId) {
        FileSessionLog log = open.remove(sessionId);
        if (log != null) {
            try {
                log.close();
            } catch (RuntimeException ignored) {
                // deleted anyway
            }
        }
        try {
            deleteTree(dir(sessionId));
        } catch (IOException e) {
            throw new StoreException("cannot delete " + dir(sessionId) + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        FileTrees.deleteRecursively(dir);
    }

    @Override
    public int tailEvents() {
        return tailEvents;
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (FileSessionLog log : open.values()) {
            try {
                log.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing an event log failed: " + e.getMessage());
            }
        }
        open.clear();
        lock.close();
    }
}
