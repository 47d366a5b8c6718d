package org.rescuemesh.coordinator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Logger;

/**
 * A temporary directory for stores that need a disk but no future — the message journal of an
 * in-memory member, the demo's field agents — removed with everything in it on close. A
 * directory left behind is harmless, so closing never fails.
 */
public final class ScratchDirectory implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScratchDirectory.class.getName());

    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    public static ScratchDirectory create(String prefix) throws IOException {
        return new ScratchDirectory(Files.createTempDirectory(prefix));
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try (var files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            LOG.fine("temporary directory " + path + " not removed: " + e.getMessage());
        }
    }
}
