package dev.sandboxagent.core.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file store: same bytes back from any offset, recovery of torn and damaged logs, the lock. */
class FileEventStoreTest {

    private static final long SEGMENT = 4096; // small, so that tests cross segment boundaries

    @TempDir
    Path root;
    private final List<FileEventStore> stores = new ArrayList<>();

    @AfterEach
    void closeAll() {
        stores.forEach(FileEventStore::close);
    }

    private FileEventStore store() {
        FileEventStore s = new FileEventStore(root, SEGMENT, 16);
        stores.add(s);
        return s;
    }

    private void closeStores() {
        stores.forEach(FileEventStore::close);
        stores.clear();
    }

    static byte[] json(long seq) {
        return ("{\"sequence\":" + seq + ",\"text\":\"" + "é-".repeat((int) (seq % 37)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] raw(long seq) {
        return seq % 3 == 0 ? null : ("{\"raw\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    }

    static void fill(SessionLogStore log, long from, long to) {
        for (long seq = from; seq <= to; seq++) {
            long n = seq;
            log.append(seq, json(seq), raw(seq) == null ? null : () -> raw(n));
        }
    }

    static void assertIntact(SessionLogStore log, long last) {
        assertThat(log.lastSequence()).isEqualTo(last);
        for (long after = 0; after <= last; after += 7) {
            List<StoredEvent> page = log.read(after, 50);
            assertThat(page).hasSize((int) Math.min(50, last - after));
            for (StoredEvent e : page) {
                assertThat(e.json()).isEqualTo(json(e.sequence()));
                assertThat(e.hasRaw()).isEqualTo(raw(e.sequence()) != null);
                assertThat(log.raw(e.sequence())).isEqualTo(raw(e.sequence()));
            }
        }
    }

    @Test
    void readsBackTheSameBytesFromAnyOffsetBeforeAndAfterTheFlusherRan() throws InterruptedException, IOException {
        SessionLogStore log = store().create("s");
        fill(log, 1, 300);
        assertIntact(log, 300); // partly still in the write buffers
        Thread.sleep(3 * FileEventStore.FLUSH_MILLIS);
        assertIntact(log, 300);
        assertThat(log.read(300, 10)).isEmpty();
        assertThat(log.raw(301)).isNull();
        try (Stream<Path> files = Files.list(root.resolve("s"))) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("events-")).count())
                    .as("segments roll at the size limit").isGreaterThan(3);
        }
    }

    @Test
    void aRestartedStoreFindsEveryLogAndContinuesItsSequence() {
        FileEventStore first = store();
        fill(first.create("a"), 1, 120);
        SessionLogStore b = first.create("b");
        fill(b, 1, 5);
        b.writeMeta("{\"agent\":\"mock\"}".getBytes(StandardCharsets.UTF_8));
        closeStores();

        Map<String, RecoveredLog> found = byId(store().recover());
        assertThat(found).containsOnlyKeys("a", "b");
        assertThat(found.get("a").damage()).isNull();
        assertIntact(found.get("a").log(), 120);
        assertThat(found.get("b").meta()).asString(StandardCharsets.UTF_8).isEqualTo("{\"agent\":\"mock\"}");
        assertIntact(found.get("b").log(), 5);
        fill(found.get("a").log(), 121, 200);
        assertIntact(found.get("a").log(), 200);
    }

    @Test
    void aTornLastRecordIsDroppedSilentlyAndTheLogIsAPrefix() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            String id = "torn" + round;
            fill(store().create(id), 1, 60);
            closeStores();
            Path last = lastSegment(root.resolve(id), "events");
            long size = Files.size(last);
            truncate(last, random.nextLong(size));

            RecoveredLog log = byId(store().recover()).get(id);
            assertThat(log.damage()).as("a torn tail is not damage").isNull();
            long kept = log.log().lastSequence();
            assertThat(kept).isBetween(1L, 59L);
            assertIntact(log.log(), kept);
            fill(log.log(), kept + 1, kept + 10); // and the log goes on after it
            assertIntact(log.log(), kept + 10);
            closeStores();
        }
    }

    @Test
    void aDamagedSegmentEndsThatLogBeforeTheDamageAndLeavesOtherLogsAlone() throws IOException {
        FileEventStore first = store();
        fill(first.create("bad"), 1, 200);
        fill(first.create("good"), 1, 200);
        closeStores();
        Path segment = root.resolve("bad").resolve(Records.segmentName("events", 2));
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(segment, bytes);

        Map<String, RecoveredLog> found = byId(store().recover());
        RecoveredLog bad = found.get("bad");
        assertThat(bad.damage()).contains("events-000002.seg is damaged at byte");
        long kept = bad.log().lastSequence();
        assertThat(kept).isBetween(1L, 199L);
        assertIntact(bad.log(), kept);
        assertThat(found.get("good").damage()).isNull();
        assertIntact(found.get("good").log(), 200);
    }

    @Test
    void deleteRemovesTheFiles() {
        FileEventStore s = store();
        fill(s.create("gone"), 1, 10);
        s.delete("gone");
        assertThat(root.resolve("gone")).doesNotExist();
        assertThat(s.recover()).isEmpty();
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefusedWithTheFirstsPid() {
        store();
        assertThatThrownBy(() -> new FileEventStore(root, SEGMENT, 16)).isInstanceOf(StoreException.class)
                .hasMessageContaining("in use by another daemon (pid " + ProcessHandle.current().pid() + ")");
    }

    private static Map<String, RecoveredLog> byId(List<RecoveredLog> logs) {
        return logs.stream().collect(Collectors.toMap(RecoveredLog::sessionId, Function.identity()));
    }

    private static Path lastSegment(Path dir, String kind) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(kind + "-")).sorted().toList().getLast();
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }
}
