package org.rescuemesh.coordinator.picture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One member's durable copy of the entries it owns: an embedded H2 file
 * {@code <data-dir>/<member>-picture.mv.db} with one row per (map, key).
 *
 * <p>Writes from Hazelcast's MapStore are <em>staged</em> ({@link #stage}) and written by one
 * committer thread in group commits: everything staged while the previous transaction was being
 * written goes into the next one (one JDBC batch per map, one commit). {@link #commitBarrier()}
 * completes once everything staged before the call is committed; the ingest path waits on it
 * before acknowledging. Staging keeps Hazelcast's partition threads from waiting on the disk
 * one key at a time, and the committer turns thousands of keys into one transaction.
 *
 * <p>H2 writes its pages lazily (its default half-second write delay: rewriting the B-tree pages
 * a commit touched at every commit costs far more than the rows themselves). What makes a
 * commit durable is the {@link RedoLog}: each group commit appends all its rows as one record and
 * forces it to the disk before reporting, and a member killed with {@code kill -9} applies the log
 * again when it opens its database. Every {@link #CHECKPOINT_MS} (or {@link #CHECKPOINT_BYTES} of
 * log) H2 is checkpointed and the older log file deleted.
 */
public final class PictureDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PictureDatabase.class.getName());

    private static final String UPSERT = "MERGE INTO entries(m, k, ver, v) KEY(m, k) VALUES (?, ?, ?, ?)";
    private static final String UPSERT_IF_NOT_OLDER = "MERGE INTO entries t USING (VALUES (CAST(? AS VARCHAR), "
            + "CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS VARBINARY))) s(m, k, ver, v) ON t.m = s.m AND t.k = s.k "
            + "WHEN MATCHED AND t.ver <= s.ver THEN UPDATE SET ver = s.ver, v = s.v "
            + "WHEN NOT MATCHED THEN INSERT (m, k, ver, v) VALUES (s.m, s.k, s.ver, s.v)";
    /** Marks a staged delete in a staged map (values are never empty: they carry a 16-byte header). */
    private static final byte[] DELETED = new byte[0];
    /** Without a waiting barrier, staged writes are committed after at most this long. */
    private static final long IDLE_COMMIT_MS = 20;
    static final long CHECKPOINT_MS = 10_000;
    static final long CHECKPOINT_BYTES = 64L << 20;

    private final String url;
    private final List<Connection> opened = new ArrayList<>();
    private final ThreadLocal<Connection> perThread = new ThreadLocal<>();
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

    private PictureDatabase(String url) {
        this.url = url;
        this.committer = new Thread(this::commitLoop, "picture-committer");
        this.committer.setDaemon(true);
    }

    /** Opens (creating when absent) the database of member {@code member} under {@code dataDir}. */
    public static PictureDatabase open(Path dataDir, String member) throws SQLException {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.toAbsolutePath().resolve(member + "-picture");
        PictureDatabase db = new PictureDatabase("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE");
        try (Statement st = db.connection().createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS entries (m VARCHAR(64) NOT NULL, k VARCHAR(256) NOT NULL, "
                    + "ver BIGINT NOT NULL, v VARBINARY NOT NULL, PRIMARY KEY (m, k))");
            db.redo = RedoLog.open(dataDir.toAbsolutePath(), member);
            List<Path> left = db.redo.pending();
            long redone = 0;
            for (Path f : left) {
                for (List<RedoLog.Row> record : RedoLog.read(f)) {
                    Map<String, Map<String, byte[]>> batch = new HashMap<>();
                    for (RedoLog.Row r : record) {
                        batch.computeIfAbsent(r.map(), m -> new HashMap<>()).put(r.key(), r.value() == null ? DELETED : r.value());
                    }
                    redone += db.write(batch);
                }
            }
            if (!left.isEmpty()) {
                st.execute("CHECKPOINT SYNC");
                LOG.info("applied " + redone + " rows from " + left.size() + " redo log file(s) of " + member);
            }
            db.redo.start(left);
            for (Path f : left) {
                Files.deleteIfExists(f);
            }
        } catch (SQLException | java.io.IOException e) {
            db.close();
            throw e instanceof SQLException s ? s : new SQLException("redo log of " + member + ": " + e.getMessage(), e);
        }
        db.committer.start();
        return db;
    }

    private Connection connection() throws SQLException {
        Connection c = perThread.get();
        if (c == null || c.isClosed()) {
            synchronized (opened) {
                if (closed) {
                    throw new SQLException("picture database closed");
                }
                c = DriverManager.getConnection(url, "sa", "");
                c.setAutoCommit(false);
                opened.add(c);
            }
            perThread.set(c);
        }
        return c;
    }

    /** Stages {@code entries} of {@code map} for the next group commit (the write-through path: the caller owns the keys). */
    public void stage(String map, Map<String, byte[]> entries) {
        synchronized (lock) {
            checkOpen();
            staged.computeIfAbsent(map, m -> new HashMap<>()).putAll(entries);
        }
    }

    /** Stages one entry; see {@link #stage(String, Map)}. */
    public void stage(String map, String key, byte[] value) {
        synchronized (lock) {
            checkOpen();
            staged.computeIfAbsent(map, m -> new HashMap<>()).put(key, value);
        }
    }

    /** Stages the removal of {@code keys} of {@code map}. */
    public void stageDelete(String map, Collection<String> keys) {
        synchronized (lock) {
            checkOpen();
            Map<String, byte[]> m = staged.computeIfAbsent(map, x -> new HashMap<>());
            for (String k : keys) {
                m.put(k, DELETED);
            }
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

    /** Makes H2's own file hold everything committed, then drops the redo log that covered it. */
    private void checkpointIfDue() throws SQLException, java.io.IOException {
        long now = System.currentTimeMillis();
        if (now - lastCheckpoint < CHECKPOINT_MS && redo.size() < CHECKPOINT_BYTES) {
            return;
        }
        lastCheckpoint = now;
        Path covered = redo.rotate();
        try (Statement st = connection().createStatement()) {
            st.execute("CHECKPOINT SYNC");
        }
        Files.deleteIfExists(covered);
    }

    /** One transaction: every staged upsert and delete, one JDBC batch per map and kind. */
    private int write(Map<String, Map<String, byte[]>> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        Connection c = connection();
        int rows = 0;
        try (PreparedStatement up = c.prepareStatement(UPSERT);
             PreparedStatement del = c.prepareStatement("DELETE FROM entries WHERE m = ? AND k = ?")) {
            boolean deletes = false;
            for (Map.Entry<String, Map<String, byte[]>> m : batch.entrySet()) {
                for (Map.Entry<String, byte[]> e : m.getValue().entrySet()) {
                    byte[] v = e.getValue();
                    if (v == DELETED) {
                        del.setString(1, m.getKey());
                        del.setString(2, e.getKey());
                        del.addBatch();
                        deletes = true;
                    } else {
                        up.setString(1, m.getKey());
                        up.setString(2, e.getKey());
                        up.setLong(3, VersionedValue.readable(v) ? VersionedValue.version(v) : 0);
                        up.setBytes(4, v);
                        up.addBatch();
                    }
                    rows++;
                }
            }
            up.executeBatch();
            if (deletes) {
                del.executeBatch();
            }
            c.commit();
            return rows;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /**
     * Writes the entries unless the database already holds a later version (re-sync after
     * migration). Waits for staged writes first, so a value staged before the caller read
     * {@code entries} cannot land after them.
     */
    public void upsertIfNotOlder(String map, Map<String, byte[]> entries) throws SQLException {
        try {
            commitBarrier().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new SQLException("staged writes failed: " + e.getCause().getMessage(), e.getCause());
        }
        if (entries.isEmpty()) {
            return;
        }
        Connection c = connection();
        try (PreparedStatement ps = c.prepareStatement(UPSERT_IF_NOT_OLDER)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] v = e.getValue();
                ps.setString(1, map);
                ps.setString(2, e.getKey());
                ps.setLong(3, VersionedValue.readable(v) ? VersionedValue.version(v) : 0);
                ps.setBytes(4, v);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /** Streams every stored entry of {@code map}. */
    public void forEach(String map, BiConsumer<String, byte[]> consumer) throws SQLException {
        Connection c = connection();
        try (PreparedStatement ps = c.prepareStatement("SELECT k, v FROM entries WHERE m = ?")) {
            ps.setString(1, map);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(rs.getString(1), rs.getBytes(2));
                }
            }
            c.commit();
        }
    }

    public long count(String map) throws SQLException {
        Connection c = connection();
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM entries WHERE m = ?")) {
            ps.setString(1, map);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                c.commit();
                return n;
            }
        }
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
        if (redo != null) {
            try {
                redo.close();
            } catch (java.io.IOException e) {
                LOG.fine("redo log close: " + e.getMessage());
            }
        }
        synchronized (opened) {
            closed = true;
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // Closing anyway; H2 writes committed data on close of the last connection.
                }
            }
            opened.clear();
        }
    }
}
