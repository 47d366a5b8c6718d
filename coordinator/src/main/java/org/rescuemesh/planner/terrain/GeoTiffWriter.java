package org.rescuemesh.planner.terrain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

/**
 * Writes single-band Byte or Float32 GeoTIFFs (uncompressed strips, little-endian) with the
 * GeoTIFF tags GDAL needs: ModelPixelScale, ModelTiepoint (top-left corner, PixelIsArea) and a
 * GeoKeyDirectory naming the CRS by EPSG code (ProjectedCSTypeGeoKey or GeographicTypeGeoKey),
 * plus GDAL_NODATA when a nodata value is given. Grids must be north-up. The file is written to a
 * temporary sibling and moved into place, so a failed write never leaves a half file.
 *
 * <p>The encoder is written out here rather than taken from mil.nga:tiff: that library pushes every
 * sample through a per-sample type switch and copies the image four times through byte arrays,
 * which cost 0.2–0.4 s for a 3601² Byte viewshed — most of the CLI's budget against
 * gdal_viewshed. Here the header and directory are built in a small buffer and the samples go to
 * the file in one channel write.
 */
public final class GeoTiffWriter {
    private static final int GT_MODEL_TYPE = 1024;
    private static final int GT_RASTER_TYPE = 1025;
    private static final int GEOGRAPHIC_TYPE = 2048;
    private static final int PROJECTED_CS_TYPE = 3072;
    private static final int MODEL_TYPE_PROJECTED = 1;
    private static final int MODEL_TYPE_GEOGRAPHIC = 2;
    private static final int RASTER_PIXEL_IS_AREA = 1;

    private GeoTiffWriter() {
    }

    /** Writes a DEM as Float32 with its own nodata value (if any). */
    public static void writeFloat32(Path file, ElevationGrid grid) {
        int w = grid.width();
        int h = grid.height();
        ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(Math.multiplyExact(w, h), Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        float[] row = new float[w];
        for (int r = 0; r < h; r++) {
            grid.readRow(r, 0, row, 0, w);
            buf.asFloatBuffer().put(r * w, row, 0, w);
        }
        write(file, w, h, true, buf, grid.transform(), grid.crs(),
                Float.isNaN(grid.nodata()) ? null : formatNodata(grid.nodata()));
    }

    /** Writes row-major float samples; {@code nodata} NaN means none is declared. */
    public static void writeFloat32(Path file, float[] samples, int width, int height, GeoTransform transform,
                                    GridCrs crs, float nodata) {
        checkSize(samples.length, width, height);
        ByteBuffer buf = ByteBuffer.allocate(samples.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(samples);
        write(file, width, height, true, buf, transform, crs, Float.isNaN(nodata) ? null : formatNodata(nodata));
    }

    /** Writes row-major unsigned bytes; {@code nodata} outside 0..255 means none is declared. */
    public static void writeByte(Path file, byte[] samples, int width, int height, GeoTransform transform,
                                 GridCrs crs, int nodata) {
        checkSize(samples.length, width, height);
        ByteBuffer buf = ByteBuffer.wrap(samples).order(ByteOrder.LITTLE_ENDIAN);
        write(file, width, height, false, buf, transform, crs,
                nodata >= 0 && nodata <= 255 ? Integer.toString(nodata) : null);
    }

    private static String formatNodata(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Float.toString(v);
    }

    private static void checkSize(int length, int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height != length) {
            throw new TerrainException("raster of " + width + " × " + height + " needs " + ((long) width * height)
                    + " samples, got " + length);
        }
    }

    /** TIFF field types used here. */
    private static final short SHORT = 3, LONG = 4, ASCII = 2, DOUBLE = 12;

    private static void write(Path file, int width, int height, boolean float32, ByteBuffer data,
                              GeoTransform gt, GridCrs crs, String nodata) {
        if (!gt.isNorthUp()) {
            throw new TerrainException("GeoTIFF writer supports north-up grids only (transform " + gt + ")");
        }
        int bytesPerSample = float32 ? 4 : 1;
        long rowBytes = (long) width * bytesPerSample;
        long dataBytes = rowBytes * height;
        // ~64 KiB strips, back to back: GDAL reads them piecewise, MappedGeoTiffReader maps them whole.
        int rowsPerStrip = (int) Math.max(1, Math.min(height, 65536 / rowBytes));
        int strips = (height + rowsPerStrip - 1) / rowsPerStrip;

        List<int[]> geoKeys = List.of(
                new int[] {GT_MODEL_TYPE, 0, 1, crs.isProjected() ? MODEL_TYPE_PROJECTED : MODEL_TYPE_GEOGRAPHIC},
                new int[] {GT_RASTER_TYPE, 0, 1, RASTER_PIXEL_IS_AREA},
                new int[] {crs.isProjected() ? PROJECTED_CS_TYPE : GEOGRAPHIC_TYPE, 0, 1, crs.epsgCode()});
        byte[] nodataBytes = nodata == null ? null : (nodata + "\0").getBytes(StandardCharsets.US_ASCII);

        IfdBuilder ifd = new IfdBuilder(nodata == null ? 14 : 15, 4096 + 8 * strips);
        ifd.entry(256, LONG, 1).longs(width);
        ifd.entry(257, LONG, 1).longs(height);
        ifd.entry(258, SHORT, 1).shorts(bytesPerSample * 8);
        ifd.entry(259, SHORT, 1).shorts(1);                     // no compression
        ifd.entry(262, SHORT, 1).shorts(1);                     // BlackIsZero
        int stripOffsets = ifd.entry(273, LONG, strips).reserveLongs(strips);
        ifd.entry(277, SHORT, 1).shorts(1);
        ifd.entry(278, LONG, 1).longs(rowsPerStrip);
        long[] counts = new long[strips];
        for (int i = 0; i < strips; i++) {
            counts[i] = Math.min(rowsPerStrip, height - (long) i * rowsPerStrip) * rowBytes;
        }
        ifd.entry(279, LONG, strips).longs(counts);
        ifd.entry(284, SHORT, 1).shorts(1);                     // chunky
        ifd.entry(339, SHORT, 1).shorts(float32 ? 3 : 1);
        ifd.entry(33550, DOUBLE, 3).doubles(gt.pixelWidth(), -gt.pixelHeight(), 0.0);
        ifd.entry(33922, DOUBLE, 6).doubles(0.0, 0.0, 0.0, gt.originX(), gt.originY(), 0.0);
        int[] dir = new int[4 + 4 * geoKeys.size()];
        dir[0] = 1;
        dir[1] = 1;
        dir[2] = 0;
        dir[3] = geoKeys.size();
        for (int i = 0; i < geoKeys.size(); i++) {
            System.arraycopy(geoKeys.get(i), 0, dir, 4 + 4 * i, 4);
        }
        ifd.entry(34735, SHORT, dir.length).shorts(dir);
        if (nodataBytes != null) {
            ifd.entry(42113, ASCII, nodataBytes.length).bytes(nodataBytes);
        }
        ByteBuffer head = ifd.finish();
        long dataStart = head.limit();
        if (dataStart + dataBytes > 0xFFFF_FFFFL) {
            throw new TerrainException("raster of " + width + " × " + height + " is too large for a classic TIFF");
        }
        for (int i = 0; i < strips; i++) {
            head.putInt(stripOffsets + 4 * i, (int) (dataStart + (long) i * rowsPerStrip * rowBytes));
        }

        Path tmp = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new TerrainException("cannot write " + file + ": directory " + parent + " does not exist");
            }
            // A sibling name unique to this moment, created exclusively (another writer that picked the
            // same name makes CREATE_NEW fail, and a new name is tried). Not Files.createTempFile, which
            // seeds SecureRandom, nor the process id, whose ProcessHandle starts a thread pool: both are
            // a noticeable share of a short CLI run. No string concatenation either (its first use
            // bootstraps invokedynamic, ~15 ms).
            Path siblingDir = parent == null ? Path.of(".") : parent;
            for (int attempt = 0; ; attempt++) {
                tmp = siblingDir.resolve(new StringBuilder(".").append(file.getFileName()).append('.')
                        .append(System.nanoTime()).append('.').append(attempt).append(".part").toString());
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                    head.position(0);
                    writeFully(ch, head);
                    ByteBuffer d = data.duplicate().position(0).limit((int) dataBytes);
                    writeFully(ch, d);
                    break;
                } catch (FileAlreadyExistsException e) {
                    tmp = null; // someone else's file: not ours to delete
                    if (attempt >= 100) {
                        throw e;
                    }
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new TerrainException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the write already failed and is being reported
                }
            }
        }
    }

    /**
     * Writes in slices of at most 1 MiB: the channel copies a heap buffer through a temporary direct
     * buffer of the same size, and one of the raster's full size (13 MB for a 3601² Byte raster) is
     * a fresh allocation touched page by page, where a 1 MiB one is reused.
     */
    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        int end = b.limit();
        while (b.position() < end) {
            b.limit(Math.min(end, b.position() + (1 << 20)));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        b.limit(end);
    }

    /**
     * Lays out a little-endian classic TIFF header and one IFD whose entries are added in tag
     * order; values longer than 4 bytes go to an area after the IFD (word aligned).
     */
    private static final class IfdBuilder {
        private final ByteBuffer entries;
        private final ByteBuffer extra;
        private final int extraBase;
        private final List<int[]> patches = new ArrayList<>(); // {entryValuePos, extraOffset}
        private int count;
        private int valuePos;
        private int valueBytes;

        IfdBuilder(int entryCount, int extraCapacity) {
            extra = ByteBuffer.allocate(extraCapacity).order(ByteOrder.LITTLE_ENDIAN);
            int ifdSize = 2 + 12 * entryCount + 4;
            extraBase = 8 + ifdSize;
            entries = ByteBuffer.allocate(8 + ifdSize).order(ByteOrder.LITTLE_ENDIAN);
            entries.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
            entries.putShort((short) entryCount);
        }

        IfdBuilder entry(int tag, short type, int n) {
            int pos = 10 + 12 * count++;
            entries.putShort(pos, (short) tag).putShort(pos + 2, type).putInt(pos + 4, n);
            int size = (type == SHORT ? 2 : type == LONG ? 4 : type == DOUBLE ? 8 : 1) * n;
            valueBytes = size;
            if (size <= 4) {
                valuePos = pos + 8;
            } else {
                while (extra.position() % 4 != 0) {
                    extra.put((byte) 0);
                }
                patches.add(new int[] {pos + 8, extra.position()});
                valuePos = -1;
            }
            return this;
        }

        private ByteBuffer target() {
            return valuePos >= 0 ? entries : extra;
        }

        void shorts(int... v) {
            for (int x : v) {
                put2(x);
            }
        }

        private void put2(int x) {
            if (valuePos >= 0) {
                entries.putShort(valuePos, (short) x);
                valuePos += 2;
            } else {
                extra.putShort((short) x);
            }
        }

        void longs(long... v) {
            for (long x : v) {
                if (valuePos >= 0) {
                    entries.putInt(valuePos, (int) x);
                    valuePos += 4;
                } else {
                    extra.putInt((int) x);
                }
            }
        }

        /** Reserves n LONG values (patched later) and returns their absolute file position. */
        int reserveLongs(int n) {
            int at = valuePos >= 0 ? valuePos : extraBase + extra.position();
            for (int i = 0; i < n; i++) {
                longs(0);
            }
            return at;
        }

        void doubles(double... v) {
            for (double x : v) {
                target().putDouble(x);
            }
        }

        void bytes(byte[] v) {
            if (valuePos >= 0) {
                for (byte x : v) {
                    entries.put(valuePos++, x);
                }
            } else {
                extra.put(v);
            }
        }

        ByteBuffer finish() {
            if (count * 12 + 6 + 8 != entries.capacity()) {
                throw new IllegalStateException("IFD declared " + (entries.capacity() - 14) / 12 + " entries, wrote " + count);
            }
            entries.putInt(10 + 12 * count, 0); // no next IFD
            while (extra.position() % 8 != 0) {
                extra.put((byte) 0);
            }
            for (int[] p : patches) {
                entries.putInt(p[0], extraBase + p[1]);
            }
            ByteBuffer all = ByteBuffer.allocate(entries.capacity() + extra.position()).order(ByteOrder.LITTLE_ENDIAN);
            all.put(entries.array());
            all.put(extra.array(), 0, extra.position());
            all.flip();
            return all;
        }
    }
}
