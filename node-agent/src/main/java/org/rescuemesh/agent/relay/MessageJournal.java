package org.rescuemesh.agent.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * Append-only file of {@link JournalEntry} records: {@code [u32 length][u32 CRC32C][body]},
 * after a 4-byte magic. Every append is forced to the device before it returns, so whatever the
 * caller acknowledges after it survives a crash. On open the file is replayed; a record cut short
 * by a crash or failing its CRC ends the replay: it and anything after it are dropped, counted,
 * and cut off so later appends follow the last good record. Compaction rewrites the live records
 * into a new file that atomically replaces the old one.
 */
public final class MessageJournal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MessageJournal.class.getName());
    static final byte[] MAGIC = {'R', 'M', 'J', '1'};
    /** A record body can be a full message (4 KiB text, 64 KiB attachment) and little else. */
    static final int MAX_RECORD_BYTES = 256 * 1024;
    private static final int HEADER = 8;

    /** What the replay found. {@code droppedBytes}: the torn or corrupt tail cut off. */
    public record Replay(List<JournalEntry> entries, int droppedRecords, long droppedBytes) {
    }

    private final Path file;
    /** Held while open: two agents writing one journal would interleave records. */
    private final FileChannel lock;
    private FileChannel channel;
    private long size;
    private final Replay replay;

    private MessageJournal(Path file, FileChannel lock, FileChannel channel, long size, Replay replay) {
        this.file = file;
        this.lock = lock;
        this.channel = channel;
        this.size = size;
        this.replay = replay;
    }

    /** Opens (creating when absent) and replays {@code file}. */
    public static MessageJournal open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel lock = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (lock.tryLock() == null) {
                throw new IOException(file + " is in use by another agent (locked)");
            }
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock.close();
            throw new IOException(file + " is already open in this process", e);
        } catch (IOException e) {
            lock.close();
            throw e;
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            lock.close();
            throw e;
        }
        try {
            long length = ch.size();
            if (length < MAGIC.length) {
                // new, or a crash before the magic was complete: nothing was ever acknowledged from it
                ch.truncate(0);
                ch.write(ByteBuffer.wrap(MAGIC), 0);
                ch.force(true);
                syncDirectory(file);
                return new MessageJournal(file, lock, ch, MAGIC.length, new Replay(List.of(), 0, length));
            }
            ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
            ch.read(magic, 0);
            if (!java.util.Arrays.equals(magic.array(), MAGIC)) {
                throw new IOException(file + " is not a RescueMesh message journal (bad magic); move it away");
            }
            List<JournalEntry> entries = new ArrayList<>();
            long pos = MAGIC.length;
            int dropped = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (pos < length) {
                header.clear();
                if (length - pos < HEADER || ch.read(header, pos) < HEADER) {
                    dropped++;
                    break;
                }
                header.flip();
                int len = header.getInt();
                int crc = header.getInt();
                if (len <= 0 || len > MAX_RECORD_BYTES || pos + HEADER + len > length) {
                    dropped++;
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate(len);
                while (body.hasRemaining() && ch.read(body, pos + HEADER + body.position()) > 0) {
                    // read until full
                }
                if (body.hasRemaining() || crc32c(body.array()) != crc) {
                    dropped++;
                    break;
                }
                try {
                    entries.add(JournalEntry.decode(body.array()));
                } catch (IllegalArgumentException e) {
                    dropped++;
                    break;
                }
                pos += HEADER + len;
            }
            long cut = length - pos;
            if (cut > 0) {
                LOG.warning("message journal " + file + ": dropped a torn or corrupt tail of " + cut
                        + " bytes after " + entries.size() + " good records");
                ch.truncate(pos);
                ch.force(true);
            }
            return new MessageJournal(file, lock, ch, pos, new Replay(List.copyOf(entries), dropped, cut));
        } catch (IOException | RuntimeException e) {
            ch.close();
            lock.close();
            throw e;
        }
    }

    public Replay replayed() {
        return replay;
    }

    /** Appends the records and forces them to the device; when this returns they are durable. */
    public void append(List<JournalEntry> entries) throws IOException {
        ByteBuffer buf = frame(entries);
        long at = size;
        while (buf.hasRemaining()) {
            at += channel.write(buf, at);
        }
        channel.force(false);
        size = at;
    }

    /** Replaces the file with just these records (write aside, force, atomic rename, force the directory). */
    public void compact(List<JournalEntry> live) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".compact");
        ByteBuffer buf = frame(live);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(MAGIC));
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(file);
        channel.close();
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        size = channel.size();
    }

    /** Bytes in the file. */
    public long size() {
        return size;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        lock.close();
    }

    private static ByteBuffer frame(List<JournalEntry> entries) {
        List<byte[]> bodies = new ArrayList<>(entries.size());
        int total = 0;
        for (JournalEntry e : entries) {
            byte[] body = e.encode();
            if (body.length > MAX_RECORD_BYTES) {
                throw new IllegalArgumentException("journal record of " + body.length + " bytes is too large");
            }
            bodies.add(body);
            total += HEADER + body.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(total);
        for (byte[] body : bodies) {
            buf.putInt(body.length).putInt(crc32c(body)).put(body);
        }
        return buf.flip();
    }

    static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** A rename or create is durable only once the directory entry is; not possible on every OS. */
    private static void syncDirectory(Path file) {
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.fine("cannot force directory of " + file + ": " + e.getMessage());
        }
    }
}
