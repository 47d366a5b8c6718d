package org.rescuemesh.coordinator.picture;

import java.nio.file.Path;

/**
 * How the picture survives restarts.
 *
 * @param dataDir        directory of the member databases; null keeps the picture in memory only
 * @param writeBehindMs  0 = write-through (a write is acknowledged once it is committed in the
 *                       owner's database, redo log forced to disk, and in a backup's memory);
 *                       &gt; 0 = write-behind: acknowledged once in the owner's and a backup's memory,
 *                       without waiting for the owner's group commit, which follows within tens of
 *                       milliseconds (any value above 0 selects this mode)
 * @param backupCount    synchronous backups of every entry (1 or more)
 * @param minClusterSize split-brain protection: writes are refused while this member sees fewer
 *                       members; values below 2 turn it off
 * @param trackLimit     positions kept per node (the ring size of its track)
 */
public record Durability(Path dataDir, long writeBehindMs, int backupCount, int minClusterSize, int trackLimit) {

    public static final int DEFAULT_TRACK_LIMIT = 1_000;

    public Durability {
        if (writeBehindMs < 0) {
            throw new IllegalArgumentException("write-behind delay must be >= 0 ms");
        }
        if (backupCount < 1 || backupCount > 6) {
            throw new IllegalArgumentException("backup count must be 1..6, got " + backupCount);
        }
        if (trackLimit < 1 || trackLimit > 1_000_000) {
            throw new IllegalArgumentException("track limit must be 1..1000000, got " + trackLimit);
        }
    }

    /** In memory only, one backup, no split-brain protection: tests and the plain demo. */
    public static Durability inMemory() {
        return new Durability(null, 0, 1, 0, DEFAULT_TRACK_LIMIT);
    }

    /** The usual production choice: write-through into {@code dataDir}. */
    public static Durability writeThrough(Path dataDir, int minClusterSize) {
        return new Durability(dataDir, 0, 1, minClusterSize, DEFAULT_TRACK_LIMIT);
    }

    public Durability withTrackLimit(int limit) {
        return new Durability(dataDir, writeBehindMs, backupCount, minClusterSize, limit);
    }

    public Durability withWriteBehindMs(long ms) {
        return new Durability(dataDir, ms, backupCount, minClusterSize, trackLimit);
    }
}
