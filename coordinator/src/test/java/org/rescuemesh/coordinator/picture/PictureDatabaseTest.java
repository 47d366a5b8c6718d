package org.rescuemesh.coordinator.picture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The member database's group commit and redo log. An abrupt stop is simulated by copying the
 * files of an open database aside while it runs (what a {@code kill -9} leaves on disk: no close,
 * no flush), then opening the copy; {@link LoneMemberKillTest} does the same with a real process.
 */
class PictureDatabaseTest {

    @TempDir
    Path dir;

    static byte[] value(long version, String text) {
        return VersionedValue.encode(version, 0, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Map<String, byte[]> read(PictureDatabase db, String map) {
        Map<String, byte[]> out = new HashMap<>();
        db.forEach(map, out::put);
        return out;
    }

    /** Copies every file of the live database directory: the state a killed process leaves behind. */
    static Path snapshot(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    @Test
    void whatABarrierCoveredIsThereAfterAnAbruptStop() throws Exception {
        Path live = dir.resolve("live");
        PictureDatabase db = PictureDatabase.open(live, "m");
        try {
            for (int i = 0; i < 1_000; i++) {
                db.stage("tracks", i + "@boat", value(i, "p" + i));
            }
            db.stage("nodes", "boat", value(7, "latest"));
            db.commitBarrier().get(10, TimeUnit.SECONDS);
            Path copy = snapshot(live, dir.resolve("after-kill"));
            try (PictureDatabase reopened = PictureDatabase.open(copy, "m")) {
                assertThat(read(reopened, "tracks")).hasSize(1_000);
                assertThat(VersionedValue.version(read(reopened, "nodes").get("boat"))).isEqualTo(7);
            }
        } finally {
            db.close();
        }
    }

    @Test
    void aBarrierWaitsForEverythingStagedBeforeItAndLaterStagingWins() throws Exception {
        try (PictureDatabase db = PictureDatabase.open(dir, "m")) {
            assertThat(db.commitBarrier()).isCompleted();
            db.stage("nodes", "a", value(1, "old"));
            db.stage("nodes", "a", value(2, "new"));
            db.stageDelete("nodes", List.of("gone"));
            db.commitBarrier().get(10, TimeUnit.SECONDS);
            assertThat(VersionedValue.version(read(db, "nodes").get("a"))).isEqualTo(2);
            assertThat(db.count("nodes")).isEqualTo(1);
            assertThat(db.commitCounts()[1]).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void anOlderVersionStagedLaterNeverReplacesANewerRow() throws Exception {
        // What a restore does to an owner whose own newer row is not yet in memory: another
        // member's replay stages an older value of the key here (ReplayOrderTest, with members).
        try (PictureDatabase db = PictureDatabase.open(dir, "m")) {
            db.stage("nodes", "a", value(5, "newer"));
            db.commitBarrier().get(10, TimeUnit.SECONDS);
            db.stage("nodes", "a", value(4, "older"));
            db.stage("nodes", "b", value(9, "newer"));
            db.stage("nodes", "b", value(8, "older"));
            db.commitBarrier().get(10, TimeUnit.SECONDS);
            assertThat(read(db, "nodes").get("a")).isEqualTo(value(5, "newer"));
            assertThat(read(db, "nodes").get("b")).isEqualTo(value(9, "newer"));
        }
    }

    @Test
    void stagedEntriesAreCommittedWithoutAnyoneWaiting() throws Exception {
        // Write-behind and gossip states stage without a barrier: the committer must still write them.
        try (PictureDatabase db = PictureDatabase.open(dir, "m")) {
            db.stage("nodes", "a", value(1, "a"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (db.commitCounts()[1] < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(db.commitCounts()[1]).as("rows committed without a barrier").isEqualTo(1);
        }
    }

    @Test
    void redoNeverOverwritesALaterVersionAndAGracefulCloseLeavesNoLog() throws Exception {
        Path live = dir.resolve("live");
        PictureDatabase db = PictureDatabase.open(live, "m");
        try {
            db.stage("nodes", "a", value(5, "logged"));
            db.commitBarrier().get(10, TimeUnit.SECONDS);
            // A re-sync writes a later version directly (not through the log).
            db.upsertIfNotOlder("nodes", Map.of("a", value(9, "resynced")));
            db.upsertIfNotOlder("nodes", Map.of("a", value(3, "stale")));
            assertThat(VersionedValue.version(read(db, "nodes").get("a"))).isEqualTo(9);
        } finally {
            db.close();
        }
        try (var files = Files.list(live)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.contains(".redo."))).isEmpty();
        }
        try (PictureDatabase reopened = PictureDatabase.open(live, "m")) {
            assertThat(VersionedValue.version(read(reopened, "nodes").get("a"))).isEqualTo(9);
        }
    }

    @Test
    void aTornOrCorruptTailIsIgnoredAndTheIntactRecordsApplied() throws Exception {
        Path live = dir.resolve("live");
        PictureDatabase db = PictureDatabase.open(live, "m");
        Path copy;
        try {
            db.stage("tracks", "1@boat", value(1, "one"));
            db.commitBarrier().get(10, TimeUnit.SECONDS);
            db.stage("tracks", "2@boat", value(2, "two"));
            db.commitBarrier().get(10, TimeUnit.SECONDS);
            copy = snapshot(live, dir.resolve("torn"));
        } finally {
            db.close();
        }
        Path log;
        try (var files = Files.list(copy)) {
            log = files.filter(f -> f.getFileName().toString().contains(".redo.")).findFirst().orElseThrow();
        }
        List<List<RedoLog.Row>> intact = RedoLog.read(log);
        assertThat(intact).hasSize(2);
        // Cut the last record in half, as a process dying mid-append would.
        long size = Files.size(log);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(size - 5);
        }
        assertThat(RedoLog.read(log)).hasSize(1);
        // Flip a byte inside the first record: its checksum no longer matches, nothing after it is trusted.
        byte[] bytes = Files.readAllBytes(log);
        bytes[12] ^= 0x55;
        Files.write(log, bytes);
        assertThat(RedoLog.read(log)).isEmpty();
        // A member with such a log still opens (the damaged log is applied as far as it is intact, then removed).
        try (PictureDatabase reopened = PictureDatabase.open(copy, "m")) {
            reopened.stage("tracks", "3@boat", value(3, "three"));
            reopened.commitBarrier().get(10, TimeUnit.SECONDS);
            assertThat(read(reopened, "tracks")).containsKey("3@boat");
        }
        try (var files = Files.list(copy)) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).doesNotContain(log.getFileName().toString());
        }
    }

    @Test
    void knowsWhichVersionsItHoldsStagedOrCommitted() throws Exception {
        try (PictureDatabase db = PictureDatabase.open(dir, "m")) {
            assertThat(db.holds(PictureMaps.NODES, "boat", 1)).isFalse();
            db.stage(PictureMaps.NODES, "boat", value(5, "a"));
            db.stage(PictureMaps.NODES, Map.of("raft", value(7, "b")));
            assertThat(db.holds(PictureMaps.NODES, "boat", 5)).as("staged").isTrue();
            assertThat(db.holds(PictureMaps.NODES, "boat", 4)).isTrue();
            assertThat(db.holds(PictureMaps.NODES, "boat", 6)).as("a newer value it was not given").isFalse();
            db.commitBarrier().get(10, TimeUnit.SECONDS);
            assertThat(db.holds(PictureMaps.NODES, "raft", 7)).as("committed").isTrue();
            assertThat(db.holds(PictureMaps.SEARCH_AREAS, "raft", 7)).as("another map's row").isFalse();
            db.stageDelete(PictureMaps.NODES, List.of("boat"));
            assertThat(db.holds(PictureMaps.NODES, "boat", 5)).as("deleted, not yet committed").isFalse();
            db.commitBarrier().get(10, TimeUnit.SECONDS);
            assertThat(db.holds(PictureMaps.NODES, "boat", 5)).as("deleted").isFalse();
        }
    }
}
