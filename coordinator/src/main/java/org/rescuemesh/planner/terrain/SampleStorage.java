package org.rescuemesh.planner.terrain;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where elevation samples live. Small grids stay on the heap; large ones (mosaics of 1″ tiles run
 * to hundreds of MB) go to a memory-mapped scratch file so the OS pages them instead of the JVM
 * heap holding them. The scratch file is unlinked right after mapping: the mapping stays valid and
 * nothing is left behind on disk when the process ends.
 */
public final class SampleStorage {

    /** Above this many cells (256 MiB of floats) samples are memory-mapped. */
    public static final long HEAP_LIMIT_CELLS = 64L * 1024 * 1024;
    /** One mapping holds at most 2 GiB. */
    public static final long MAX_CELLS = (Integer.MAX_VALUE - 8) / Float.BYTES;

    private SampleStorage() {
    }

    /** A zero-filled, writable buffer of {@code width × height} floats. */
    public static FloatBuffer allocate(int width, int height) {
        long cells = (long) width * height;
        if (width <= 0 || height <= 0) {
            throw new TerrainException("grid size must be positive, got " + width + " × " + height);
        }
        if (cells > MAX_CELLS) {
            throw new TerrainException("grid of " + width + " × " + height + " cells is too large (max "
                    + MAX_CELLS + " cells); split the area or use a coarser DEM");
        }
        if (cells <= HEAP_LIMIT_CELLS) {
            return FloatBuffer.allocate((int) cells);
        }
        return mapScratch(cells);
    }

    private static FloatBuffer mapScratch(long cells) {
        try {
            Path file = Files.createTempFile("rescuemesh-dem-", ".f32");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_WRITE, 0, cells * Float.BYTES);
                return map.order(ByteOrder.nativeOrder()).asFloatBuffer();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new TerrainException("cannot create a memory-mapped scratch file for " + cells + " cells: "
                    + e.getMessage(), e);
        }
    }
}
