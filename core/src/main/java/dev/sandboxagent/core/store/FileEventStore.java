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
    private final LogFiles files;
    private final StoreLock lock;
    private final ConcurrentMap<String, FileSessionLog> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    private volatile String createProblem;
    private long ticks;

    /** A store under {@code root} with 64 MiB segments; refuses a root another process uses. */
    public static FileEventStore open(Path root) {
        return new FileEventStore(root, 64L << 20, DEFAULT_TAIL_EVENTS);
    }

    public FileEventStore(Path root, long segmentBytes, int tailEvents) {
        this(root, segmentBytes, tailEvents, LogFiles.DEFAULT);
    }

    FileEventStore(Path root, long segmentBytes, int tailEvents, LogFiles files) {
        this.files = files;
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
        for (var e : open.entrySet()) {
            FileSessionLog log = e.getValue();
            try {
                if (sync && log.needsSync()) {
                    log.sync();
                } else if (log.needsFlush()) {
                    log.flush(); // a failure switches that log to memory and tells its listener
                }
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "syncing the event log of session " + e.getKey() + " failed: "
                        + ex.getMessage());
            }
        }
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
            FileSessionLog log = new FileSessionLog(dir, segmentBytes, LogScan.fresh(), files, this::createFailed);
            replace(sessionId, log);
            createProblem = null;
            return log;
        } catch (IOException e) {
            String why = "cannot create " + dir + ": " + e.getMessage();
            createFailed(why);
            throw new StoreException(why, e);
        }
    }

    private void createFailed(String why) {
        createProblem = why;
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
                    FileSessionLog log = new FileSessionLog(dir, segmentBytes, scan, files, this::createFailed);
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

    /** The sizes of the files in the session's directory (segments, index, metadata). */
    @Override
    public long storedBytes(String sessionId) {
        try (Stream<Path> files = Files.list(dir(sessionId))) {
            return files.mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // removed meanwhile
                }
            }).sum();
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        FileTrees.deleteRecursively(dir);
    }

    @Override
    public int tailEvents() {
        return tailEvents;
    }

    /**
     * Why a session's log stopped writing, while that log is open (until the session is deleted),
     * else why the last new session could not be stored (until one can).
     */
    @Override
    public String problem() {
        for (var e : open.entrySet()) {
            String failure = e.getValue().failure();
            if (failure != null) {
                return "session " + e.getKey() + ": " + failure;
            }
        }
        return createProblem;
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
