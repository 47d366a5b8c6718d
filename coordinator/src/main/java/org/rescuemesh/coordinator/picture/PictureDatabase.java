package org.rescuemesh.coordinator.picture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * One member's durable copy of the entries it owns: an embedded H2 MVStore file
 * {@code <data-dir>/<member>-picture.mvstore} (H2's storage engine, used directly: a key-value
 * B-tree of {@code map NUL key → value}, without the SQL layer, whose statement machinery cost
 * several times the B-tree work per row) plus its {@link RedoLog}.
 *
 * <p>Writes from Hazelcast's MapStore are <em>staged</em> ({@link #stage}) and written by one
 * committer thread in group commits: everything staged while the previous commit was being
 * written goes into the next one. A group commit puts its rows into the B-tree and appends them
 * as one record to the redo log, forced to the disk; only then does it report. {@link
 * #commitBarrier()} completes once everything staged before the call is committed; the ingest
 * path waits on it before acknowledging. Staging keeps Hazelcast's partition threads from
 * waiting on the disk one key at a time.
 *
 * <p>The B-tree's own pages are written lazily (rewriting every page a commit touched at every
 * commit costs far more than the rows): every {@link #CHECKPOINT_MS} (or {@link
 * #CHECKPOINT_BYTES} of log) the log is rotated between two group commits, and a checkpoint
 * thread commits and syncs the store and then deletes the older log file. The checkpoint runs
 * beside the group commits, not in their way: a sync of a large store took hundreds of
 * milliseconds, and every acknowledgement waiting behind it showed as the live feed's p99.
 * A member killed with {@code kill -9} applies what its logs hold again when it opens.
 */
public final class PictureDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PictureDatabase.class.getName());

    /** Marks a staged delete in a staged map (values are never empty: they carry a 16-byte header). */
    private static final byte[] DELETED = new byte[0];
    /** Separates the map name from the key in the B-tree's keys (names and keys hold no NUL). */
    private static final char SEPARATOR = '\u0000';
    /** Without a waiting barrier, staged writes are committed after at most this long. */
    private static final long IDLE_COMMIT_MS = 20;
    static final long CHECKPOINT_MS = 10_000;
    static final long CHECKPOINT_BYTES = 64L << 20;

    private final MVStore store;
    private final MVMap<String, byte[]> entries;
    private volatile boolean closed;

    private final Object lock = new Object();
    /** map → key → value (or {@link #DELETED}); the latest staged value of a key wins. */
    private Map<String, Map<String, byte[]>> staged = new HashMap<>();
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private boolean writing;
    private boolean stopping;
    private final Thread committer;
    private long commits;
    private long committedRows;
    private RedoLog redo;
    private long lastCheckpoint = System.currentTimeMillis();
    private final java.util.concurrent.ExecutorService checkpointer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "picture-checkpoint");
        t.setDaemon(true);
        return t;
    });
    /** The checkpoint in progress, if any (committer thread only). */
    private java.util.concurrent.Future<?> checkpointing;

    private PictureDatabase(MVStore store) {
        this.store = store;
        // Typed keys and values: the generic object type inspects and tags every key and value.
        this.entries = store.openMap("entries", new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.committer = new Thread(this::commitLoop, "picture-committer");
        this.committer.setDaemon(true);
    }

    /** Opens (creating when absent) the database of member {@code member} under {@code dataDir}, applying its redo log. */
    public static PictureDatabase open(Path dataDir, String member) throws SQLException {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.toAbsolutePath().resolve(member + "-picture.mvstore");
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).open();
        } catch (RuntimeException e) {
            throw new SQLException("cannot open " + file + ": " + e.getMessage(), e);
        }
        PictureDatabase db = new PictureDatabase(store);
        try {
            db.redo = RedoLog.open(dataDir.toAbsolutePath(), member);
            List<Path> left = db.redo.pending();
            long redone = 0;
            for (Path f : left) {
                for (List<RedoLog.Row> record : RedoLog.read(f)) {
                    for (RedoLog.Row r : record) {
                        // Never over a later version: a re-sync may have written one after this record.
                        if (r.value() == null) {
                            db.entries.remove(rowKey(r.map(), r.key()));
                        } else {
                            db.putIfNotOlder(rowKey(r.map(), r.key()), r.value());
                        }
                        redone++;
                    }
                }
            }
            if (!left.isEmpty()) {
                store.commit();
                store.sync();
                LOG.info("applied " + redone + " rows from " + left.size() + " redo log file(s) of " + member);
            }
            db.redo.start(left);
            for (Path f : left) {
                Files.deleteIfExists(f);
            }
        } catch (java.io.IOException | RuntimeException e) {
            db.close();
            throw new SQLException("redo log of " + member + ": " + e.getMessage(), e);
        }
        db.committer.start();
        return db;
    }

    private static String rowKey(String map, String key) {
        return map + SEPARATOR + key;
    }

    /**
     * Stages {@code entries} of {@code map} for the next group commit (the write-through path: the
     * caller owns the keys). A row is never replaced by an older version of its value, neither in
     * what is staged nor in what is committed.
     */
    public void stage(String map, Map<String, byte[]> entries) {
        synchronized (lock) {
            checkOpen();
            wakeIfIdle();
            Map<String, byte[]> m = staged.computeIfAbsent(map, x -> new HashMap<>());
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                m.merge(e.getKey(), e.getValue(), PictureDatabase::notOlder);
            }
        }
    }

    /**
     * True when this database holds entry {@code key} of {@code map} at {@code version} or later,
     * committed or staged (then a later commit barrier covers it). Asked only for writes that
     * changed nothing, so the ingest path pays nothing for it. A value between staging and its
     * commit's write is looked for in the committed rows only: the answer may be a false "no",
     * never a false "yes".
     */
    public boolean holds(String map, String key, long version) {
        synchronized (lock) {
            Map<String, byte[]> m = staged.get(map);
            byte[] s = m == null ? null : m.get(key);
            if (s == DELETED) {
                return false;
            }
            if (s != null && VersionedValue.readable(s) && VersionedValue.version(s) >= version) {
                return true;
            }
        }
        byte[] row = entries.get(rowKey(map, key));
        return VersionedValue.readable(row) && VersionedValue.version(row) >= version;
    }

    /** Stages one entry; see {@link #stage(String, Map)}. */
    public void stage(String map, String key, byte[] value) {
        synchronized (lock) {
            checkOpen();
            wakeIfIdle();
            staged.computeIfAbsent(map, m -> new HashMap<>()).merge(key, value, PictureDatabase::notOlder);
        }
    }

    /**
     * Of two values staged for one key, the later staged unless it carries an older version (the
     * same rule as the commit's {@link #NOT_OLDER}); a delete marker has no version: it replaces,
     * and is replaced by, any value.
     */
    private static byte[] notOlder(byte[] staged, byte[] incoming) {
        return VersionedValue.readable(staged) && VersionedValue.readable(incoming)
                && VersionedValue.version(staged) > VersionedValue.version(incoming) ? staged : incoming;
    }

    /** Stages the removal of {@code keys} of {@code map}. */
    public void stageDelete(String map, Collection<String> keys) {
        synchronized (lock) {
            checkOpen();
            wakeIfIdle();
            Map<String, byte[]> m = staged.computeIfAbsent(map, x -> new HashMap<>());
            for (String k : keys) {
                m.put(k, DELETED);
            }
        }
    }

    /** The committer sleeps while nothing is staged: the first staged entry starts its (short) gathering wait. */
    private void wakeIfIdle() {
        if (staged.isEmpty()) {
            lock.notifyAll();
        }
    }

    private void checkOpen() {
        if (stopping) {
            throw new IllegalStateException("picture database closed");
        }
    }

    /**
     * Completes once everything staged before this call is committed (at once when nothing is
     * staged or being written); fails if that commit failed or the database is closed.
     */
    public CompletableFuture<Void> commitBarrier() {
        synchronized (lock) {
            if (staged.isEmpty() && !writing) {
                return CompletableFuture.completedFuture(null);
            }
            if (stopping && !committer.isAlive()) {
                return CompletableFuture.failedFuture(new IllegalStateException("picture database closed"));
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiting.add(f);
            lock.notifyAll();
            return f;
        }
    }

    /** Group commits so far and the rows they wrote (bench figures). */
    public long[] commitCounts() {
        synchronized (lock) {
            return new long[]{commits, committedRows};
        }
    }

    private void commitLoop() {
        while (true) {
            Map<String, Map<String, byte[]>> batch;
            List<CompletableFuture<Void>> done;
            synchronized (lock) {
                try {
                    while (waiting.isEmpty() && !stopping && staged.isEmpty()) {
                        lock.wait();
                    }
                    if (waiting.isEmpty() && !stopping) {
                        // Staged without anyone waiting (write-behind, gossip states): let more gather.
                        lock.wait(IDLE_COMMIT_MS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
                if (stopping && staged.isEmpty() && waiting.isEmpty()) {
                    return;
                }
                batch = staged;
                done = waiting;
                staged = new HashMap<>();
                waiting = new ArrayList<>();
                writing = true;
            }
            Throwable failure = null;
            int rows = 0;
            try {
                rows = write(batch);
                if (rows > 0) {
                    redo.append(batch, DELETED);
                }
                checkpointIfDue();
            } catch (Throwable e) {
                failure = e;
                LOG.log(Level.WARNING, "picture database group commit failed", e);
            }
            synchronized (lock) {
                writing = false;
                if (failure == null) {
                    commits++;
                    committedRows += rows;
                }
            }
            for (CompletableFuture<Void> f : done) {
                if (failure == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(failure);
                }
            }
        }
    }

    /**
     * Makes H2's own file hold everything committed, then drops the redo log that covered it. The
     * rotation happens here, between group commits, when every row of the older log is in the
     * B-tree; the commit, sync and delete run on the checkpoint thread while group commits go on
     * (MVStore takes writes during a commit; rows written meanwhile are also in the new log). A
     * checkpoint that fails leaves its log file, which the next open applies again.
     */
    private void checkpointIfDue() throws java.io.IOException {
        long now = System.currentTimeMillis();
        if (now - lastCheckpoint < CHECKPOINT_MS && redo.size() < CHECKPOINT_BYTES
                || checkpointing != null && !checkpointing.isDone()) {
            return;
        }
        lastCheckpoint = now;
        Path covered = redo.rotate();
        checkpointing = checkpointer.submit(() -> {
            try {
                store.commit();
                store.sync();
                Files.deleteIfExists(covered);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "picture database checkpoint failed; " + covered + " stays for the next open", e);
            }
        });
    }

    /**
     * Puts every staged row into the B-tree unless the row there holds a later version (in memory
     * until the next store commit; the redo log makes it durable).
     */
    private int write(Map<String, Map<String, byte[]>> batch) {
        int rows = 0;
        for (Map.Entry<String, Map<String, byte[]>> m : batch.entrySet()) {
            for (Map.Entry<String, byte[]> e : m.getValue().entrySet()) {
                String k = rowKey(m.getKey(), e.getKey());
                if (e.getValue() == DELETED) {
                    entries.remove(k);
                } else {
                    // Never over a later version: during a restore another member's replay can stage
                    // an older value of a key here before this member replayed its own newer row
                    // (ReplayOrderTest); a plain put rolled that row back for good.
                    putIfNotOlder(k, e.getValue());
                }
                rows++;
            }
        }
        return rows;
    }

    /**
     * Writes the entries unless the database already holds a later version (re-sync after
     * migration). Waits for staged writes first, so a value staged before the caller read
     * {@code entries} cannot land after them.
     */
    public void upsertIfNotOlder(String map, Map<String, byte[]> values) throws SQLException {
        try {
            commitBarrier().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new SQLException("staged writes failed: " + e.getCause().getMessage(), e.getCause());
        }
        for (Map.Entry<String, byte[]> e : values.entrySet()) {
            putIfNotOlder(rowKey(map, e.getKey()), e.getValue());
        }
    }

    private static final MVMap.DecisionMaker<byte[]> NOT_OLDER = new MVMap.DecisionMaker<>() {
        @Override
        public MVMap.Decision decide(byte[] existing, byte[] provided) {
            if (existing != null && VersionedValue.readable(existing) && VersionedValue.readable(provided)
                    && VersionedValue.version(existing) > VersionedValue.version(provided)) {
                return MVMap.Decision.ABORT;
            }
            return MVMap.Decision.PUT;
        }
    };

    private void putIfNotOlder(String rowKey, byte[] value) {
        entries.operate(rowKey, value, NOT_OLDER);
    }

    /** Streams every stored entry of {@code map}. */
    public void forEach(String map, BiConsumer<String, byte[]> consumer) {
        String prefix = rowKey(map, "");
        Iterator<String> keys = entries.keyIterator(prefix);
        while (keys.hasNext()) {
            String k = keys.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            byte[] v = entries.get(k);
            if (v != null) {
                consumer.accept(k.substring(prefix.length()), v);
            }
        }
    }

    public long count(String map) {
        long[] n = {0};
        forEach(map, (k, v) -> n[0]++);
        return n[0];
    }

    /** Commits what is staged, then closes every connection. */
    @Override
    public void close() {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        if (committer.isAlive() && Thread.currentThread() != committer) {
            try {
                committer.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        checkpointer.shutdown();
        try {
            checkpointer.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (redo != null) {
            try {
                redo.close();
            } catch (java.io.IOException e) {
                LOG.fine("redo log close: " + e.getMessage());
            }
        }
        closed = true;
        if (!store.isClosed()) {
            // A graceful close writes every page, so the next open has no log to apply.
            store.close();
            if (redo != null) {
                redo.discard();
            }
        }
    }
}
