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
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One member's durable copy of the entries it owns: an embedded H2 file
 * {@code <data-dir>/<member>-picture.mv.db} with one row per (map, key). Each thread gets its own
 * connection so Hazelcast's partition threads do not queue behind each other.
 */
public final class PictureDatabase implements AutoCloseable {

    private static final String UPSERT = "MERGE INTO entries(m, k, ver, v) KEY(m, k) VALUES (?, ?, ?, ?)";
    private static final String UPSERT_IF_NOT_OLDER = "MERGE INTO entries t USING (VALUES (CAST(? AS VARCHAR), "
            + "CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS VARBINARY))) s(m, k, ver, v) ON t.m = s.m AND t.k = s.k "
            + "WHEN MATCHED AND t.ver <= s.ver THEN UPDATE SET ver = s.ver, v = s.v "
            + "WHEN NOT MATCHED THEN INSERT (m, k, ver, v) VALUES (s.m, s.k, s.ver, s.v)";

    private final String url;
    private final List<Connection> opened = new ArrayList<>();
    private final ThreadLocal<Connection> perThread = new ThreadLocal<>();
    private volatile boolean closed;

    private PictureDatabase(String url) {
        this.url = url;
    }

    /** Opens (creating when absent) the database of member {@code member} under {@code dataDir}. */
    public static PictureDatabase open(Path dataDir, String member) throws SQLException {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path file = dataDir.toAbsolutePath().resolve(member + "-picture");
        // H2's default write delay: commits reach the file within about half a second. WRITE_DELAY=0
        // (every commit written at once) grew the file to 3.4 GB for 400,000 single-key writes and
        // halved throughput; the half-second window only matters when a member is killed and holds
        // the only copy, which backups on other members are for (see README, Durability).
        PictureDatabase db = new PictureDatabase("jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE");
        try (Statement st = db.connection().createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS entries (m VARCHAR(64) NOT NULL, k VARCHAR(256) NOT NULL, "
                    + "ver BIGINT NOT NULL, v VARBINARY NOT NULL, PRIMARY KEY (m, k))");
        } catch (SQLException e) {
            db.close();
            throw e;
        }
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

    /** Writes the entries as they are (the write-through path: the caller owns the keys). */
    public void upsert(String map, Map<String, byte[]> entries) throws SQLException {
        write(UPSERT, map, entries);
    }

    /** Writes the entries unless the database already holds a later version (re-sync after migration). */
    public void upsertIfNotOlder(String map, Map<String, byte[]> entries) throws SQLException {
        write(UPSERT_IF_NOT_OLDER, map, entries);
    }

    private void write(String sql, String map, Map<String, byte[]> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        Connection c = connection();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
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

    public void delete(String map, Collection<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        Connection c = connection();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM entries WHERE m = ? AND k = ?")) {
            for (String k : keys) {
                ps.setString(1, map);
                ps.setString(2, k);
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

    @Override
    public void close() {
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
