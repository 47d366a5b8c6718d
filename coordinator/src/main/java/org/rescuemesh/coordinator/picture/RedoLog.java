package org.rescuemesh.coordinator.picture;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The member database's redo log: every group commit appends one record holding all rows it wrote
 * and forces it to the disk before the commit is reported, so an acknowledged write survives
 * {@code kill -9} (and a power cut) even though H2 itself writes its pages lazily. Files are
 * {@code <member>-picture.redo.<n>}; after a checkpoint (H2's pages written and synced) the older
 * files are deleted. On open, what the files hold is applied again in order (redo), which is
 * idempotent because each record carries the rows' final values.
 *
 * <p>Record: {@code [length:int][crc32:int][payload]}, payload {@code [rows:int]} then per row
 * {@code [map:UTF][key:UTF][valueLength:int][value]} with length -1 for a delete. A torn or
 * corrupt tail (the process died mid-append) ends the replay: that commit was never reported.
 */
final class RedoLog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RedoLog.class.getName());
    static final int DELETE = -1;

    /** One row of a record: a delete when {@code value} is null. */
    record Row(String map, String key, byte[] value) {
    }

    private final Path dir;
    private final String prefix;
    /** Largest record buffer kept for the next append; a rare bigger one (a re-sync) is dropped after use. */
    private static final int KEPT_BUFFER_BYTES = 32 << 20;
    private FileChannel current;
    private Buffer buffer;
    private long currentNumber;

    private RedoLog(Path dir, String prefix) {
        this.dir = dir;
        this.prefix = prefix;
    }

    /** Opens the log of {@code member}; {@link #pending()} then lists what earlier runs left. */
    static RedoLog open(Path dir, String member) {
        return new RedoLog(dir, member + "-picture.redo.");
    }

    /** Files left by earlier runs, oldest first. */
    List<Path> pending() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().startsWith(prefix) && number(f) >= 0).forEach(out::add);
        }
        out.sort((a, b) -> Long.compare(number(a), number(b)));
        return out;
    }

    private long number(Path f) {
        try {
            return Long.parseLong(f.getFileName().toString().substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads every intact record of {@code file}, in order. */
    static List<List<Row>> read(Path file) throws IOException {
        List<List<Row>> out = new ArrayList<>();
        byte[] all = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(all);
        while (buf.remaining() >= 8) {
            int length = buf.getInt();
            int crc = buf.getInt();
            if (length < 4 || length > buf.remaining()) {
                LOG.warning("redo log " + file.getFileName() + ": incomplete last record ignored (never acknowledged)");
                break;
            }
            CRC32 check = new CRC32();
            check.update(all, buf.position(), length);
            if ((int) check.getValue() != crc) {
                LOG.warning("redo log " + file.getFileName() + ": corrupt record at " + (buf.position() - 8) + "; rest ignored");
                break;
            }
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, buf.position(), length));
            int rows = in.readInt();
            List<Row> record = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                String map = in.readUTF();
                String key = in.readUTF();
                int n = in.readInt();
                byte[] v = null;
                if (n != DELETE) {
                    v = new byte[n];
                    in.readFully(v);
                }
                record.add(new Row(map, key, v));
            }
            out.add(record);
            buf.position(buf.position() + length);
        }
        return out;
    }

    /** Starts a new file after {@code existing} (the caller has made their content durable elsewhere and may delete them). */
    void start(List<Path> existing) throws IOException {
        long next = existing.isEmpty() ? 1 : number(existing.get(existing.size() - 1)) + 1;
        openFile(next);
    }

    private void openFile(long n) throws IOException {
        currentNumber = n;
        current = FileChannel.open(dir.resolve(prefix + n), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Appends one record with {@code batch}'s rows (map → key → value, {@code deleted} marking deletes)
     * and forces it to the disk.
     */
    void append(Map<String, Map<String, byte[]>> batch, byte[] deleted) throws IOException {
        int rows = 0;
        long estimate = 12;
        for (Map.Entry<String, Map<String, byte[]>> m : batch.entrySet()) {
            rows += m.getValue().size();
            for (Map.Entry<String, byte[]> e : m.getValue().entrySet()) {
                estimate += 12 + m.getKey().length() + e.getKey().length() * 3L + e.getValue().length;
            }
        }
        // Sized up front: growing a buffer of megabytes by copying was a large share of the commit's
        // work. Kept between records (appends come from the one committer thread): a fresh buffer of
        // megabytes per commit is a humongous allocation for G1, and those start collections.
        Buffer bytes = buffer == null || buffer.capacity() < estimate
                ? new Buffer((int) Math.min(Integer.MAX_VALUE - 16, estimate)) : buffer;
        bytes.reset();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(rows);
        for (Map.Entry<String, Map<String, byte[]>> m : batch.entrySet()) {
            for (Map.Entry<String, byte[]> e : m.getValue().entrySet()) {
                out.writeUTF(m.getKey());
                out.writeUTF(e.getKey());
                byte[] v = e.getValue();
                if (v == deleted) {
                    out.writeInt(DELETE);
                } else {
                    out.writeInt(v.length);
                    out.write(v);
                }
            }
        }
        out.flush();
        ByteBuffer record = bytes.view();
        int length = record.limit() - 8;
        CRC32 crc = new CRC32();
        crc.update(record.array(), 8, length);
        record.putInt(0, length).putInt(4, (int) crc.getValue());
        while (record.hasRemaining()) {
            current.write(record);
        }
        current.force(false);
        buffer = bytes.capacity() <= KEPT_BUFFER_BYTES ? bytes : null;
    }

    /** A byte array output stream whose content is written without a final copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        ByteBuffer view() {
            return ByteBuffer.wrap(buf, 0, count);
        }

        int capacity() {
            return buf.length;
        }
    }

    /** Bytes in the current file. */
    long size() throws IOException {
        return current.size();
    }

    /**
     * Switches to a new file and returns the previous one: once the database has made everything
     * up to now durable on its own (a checkpoint), the caller deletes it.
     */
    Path rotate() throws IOException {
        Path previous = dir.resolve(prefix + currentNumber);
        current.close();
        openFile(currentNumber + 1);
        return previous;
    }

    /** Deletes the current file: only after the database made everything in it durable (a graceful close). */
    void discard() {
        try {
            if (current != null) {
                current.close();
                Files.deleteIfExists(dir.resolve(prefix + currentNumber));
            }
        } catch (IOException e) {
            LOG.fine("redo log discard: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
        }
    }
}
