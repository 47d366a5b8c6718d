package org.rescuemesh.planner.terrain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Fast path for the GeoTIFF layout GDAL writes by default: classic TIFF, one uncompressed band of
 * Float32 / Int16 / UInt16 / Byte / Int32 / Float64 in strips or tiles, georeferenced by
 * ModelPixelScale + ModelTiepoint (PixelIsArea) and an EPSG code in the GeoKeyDirectory. The file
 * is memory-mapped; a Float32 band whose strips lie back to back is used in place, without any
 * copy. Anything else (compression, BigTIFF, user-defined CRS, ModelTransformation, PixelIsPoint…)
 * returns empty and {@link DemReader} hands the file to Apache SIS ({@link GeoTiffDemReader}).
 */
public final class MappedGeoTiffReader {
    private static final int TAG_WIDTH = 256, TAG_HEIGHT = 257, TAG_BITS = 258, TAG_COMPRESSION = 259,
            TAG_STRIP_OFFSETS = 273, TAG_SAMPLES = 277, TAG_ROWS_PER_STRIP = 278, TAG_STRIP_BYTES = 279,
            TAG_PLANAR = 284, TAG_TILE_WIDTH = 322, TAG_TILE_HEIGHT = 323, TAG_TILE_OFFSETS = 324,
            TAG_TILE_BYTES = 325, TAG_SAMPLE_FORMAT = 339, TAG_PIXEL_SCALE = 33550, TAG_TIEPOINT = 33922,
            TAG_MODEL_TRANSFORMATION = 34264, TAG_GEOKEYS = 34735, TAG_GDAL_NODATA = 42113;

    private MappedGeoTiffReader() {
    }

    /** The grid, or empty when this layout is not one the fast path handles. */
    public static Optional<ElevationGrid> tryRead(Path file) {
        return tryRead(file, new TerrainException[1]);
    }

    /**
     * As {@link #tryRead(Path)}; when the layout is fine but the EPSG code is not one this planner
     * can use, the reason is left in {@code crsProblem[0]} (and empty returned, so SIS may try).
     */
    static Optional<ElevationGrid> tryRead(Path file, TerrainException[] crsProblem) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8 || size > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return parse(file, map, (int) size, crsProblem);
        } catch (IOException e) {
            throw new TerrainException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Optional<ElevationGrid> parse(Path file, ByteBuffer b, int size, TerrainException[] crsProblem) {
        byte o0 = b.get(0), o1 = b.get(1);
        if (o0 == 'I' && o1 == 'I') {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (o0 == 'M' && o1 == 'M') {
            b.order(ByteOrder.BIG_ENDIAN);
        } else {
            return Optional.empty();
        }
        if ((b.getShort(2) & 0xFFFF) != 42) {
            return Optional.empty(); // BigTIFF or not a TIFF: leave it to SIS
        }
        long ifd = b.getInt(4) & 0xFFFFFFFFL;
        if (ifd + 2 > size) {
            throw truncated(file);
        }
        int n = b.getShort((int) ifd) & 0xFFFF;
        if (ifd + 2 + 12L * n > size) {
            throw truncated(file);
        }
        long width = -1, height = -1, bits = 1, compression = 1, samples = 1, rowsPerStrip = -1, planar = 1,
                tileW = -1, tileH = -1, format = 1;
        long[] offsets = null, counts = null;
        double[] scale = null, tie = null;
        int[] geokeys = null;
        String nodataText = null;
        for (int i = 0; i < n; i++) {
            int e = (int) ifd + 2 + 12 * i;
            int tag = b.getShort(e) & 0xFFFF;
            int type = b.getShort(e + 2) & 0xFFFF;
            long count = b.getInt(e + 4) & 0xFFFFFFFFL;
            switch (tag) {
                case TAG_WIDTH -> width = scalar(b, e, type);
                case TAG_HEIGHT -> height = scalar(b, e, type);
                case TAG_BITS -> bits = longs(file, b, e, type, count, size)[0];
                case TAG_COMPRESSION -> compression = scalar(b, e, type);
                case TAG_SAMPLES -> samples = scalar(b, e, type);
                case TAG_ROWS_PER_STRIP -> rowsPerStrip = scalar(b, e, type);
                case TAG_PLANAR -> planar = scalar(b, e, type);
                case TAG_TILE_WIDTH -> tileW = scalar(b, e, type);
                case TAG_TILE_HEIGHT -> tileH = scalar(b, e, type);
                case TAG_SAMPLE_FORMAT -> format = longs(file, b, e, type, count, size)[0];
                case TAG_STRIP_OFFSETS, TAG_TILE_OFFSETS -> offsets = longs(file, b, e, type, count, size);
                case TAG_STRIP_BYTES, TAG_TILE_BYTES -> counts = longs(file, b, e, type, count, size);
                case TAG_PIXEL_SCALE -> scale = doubles(file, b, e, type, count, size);
                case TAG_TIEPOINT -> tie = doubles(file, b, e, type, count, size);
                case TAG_MODEL_TRANSFORMATION -> {
                    return Optional.empty();
                }
                case TAG_GEOKEYS -> {
                    long[] k = longs(file, b, e, type, count, size);
                    geokeys = new int[k.length];
                    for (int j = 0; j < k.length; j++) {
                        geokeys[j] = (int) k[j];
                    }
                }
                case TAG_GDAL_NODATA -> nodataText = ascii(file, b, e, count, size);
                default -> {
                    // other tags (photometric, resolution, software, …) do not affect the samples
                }
            }
        }
        if (compression != 1 || samples != 1 || (planar != 1 && planar != 2) || width <= 0 || height <= 0
                || offsets == null || counts == null || offsets.length != counts.length
                || scale == null || scale.length < 2 || tie == null || tie.length < 6 || geokeys == null) {
            return Optional.empty();
        }
        int epsg = epsgFrom(geokeys);
        if (epsg <= 0) {
            return Optional.empty();
        }
        SampleType st = SampleType.of(format, bits);
        if (st == null || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] + counts[i] > size) {
                throw truncated(file);
            }
        }
        GridCrs crs;
        try {
            crs = GridCrs.fromEpsg(epsg);
        } catch (TerrainException ex) {
            crsProblem[0] = ex;
            return Optional.empty(); // let SIS try: with an EPSG database (SIS_DATA) it knows more CRSs
        }
        int w = (int) width, h = (int) height;
        GeoTransform gt = new GeoTransform(tie[3] - tie[0] * scale[0], scale[0], 0, tie[4] + tie[1] * scale[1], 0, -scale[1]);
        float nodata = Float.NaN;
        if (nodataText != null) {
            try {
                nodata = Float.parseFloat(nodataText.trim());
            } catch (NumberFormatException ex) {
                return Optional.empty();
            }
        }
        FloatBuffer samplesOut = tileW > 0
                ? readTiles(file, b, st, w, h, (int) tileW, (int) tileH, offsets, counts)
                : readStrips(file, b, st, w, h, rowsPerStrip <= 0 ? h : (int) Math.min(rowsPerStrip, h), offsets, counts);
        return Optional.of(ElevationGrid.of(samplesOut, w, h, gt, crs, nodata));
    }

    private static TerrainException truncated(Path file) {
        return new TerrainException(file + ": unreadable or truncated GeoTIFF (directory or data beyond the end of the file)");
    }

    /** EPSG code of a PixelIsArea GeoTIFF with a plain projected or geographic code, else -1. */
    private static int epsgFrom(int[] k) {
        if (k.length < 4) {
            return -1;
        }
        int keys = k[3];
        int model = -1, raster = 1, projected = -1, geographic = -1;
        for (int i = 0; i < keys && 4 + 4 * i + 3 < k.length; i++) {
            int id = k[4 + 4 * i], loc = k[5 + 4 * i], value = k[7 + 4 * i];
            if (loc != 0) {
                continue; // values stored in other tags: citations and user-defined parameters
            }
            switch (id) {
                case 1024 -> model = value;
                case 1025 -> raster = value;
                case 3072 -> projected = value;
                case 2048 -> geographic = value;
                default -> {
                    // linear/angular units, citations: implied by the EPSG code
                }
            }
        }
        if (raster != 1) {
            return -1;
        }
        if (model == 1 && projected > 0 && projected != 32767) {
            return projected;
        }
        if (model == 2 && geographic > 0 && geographic != 32767) {
            return geographic;
        }
        return -1;
    }

    private enum SampleType {
        FLOAT32(4), FLOAT64(8), INT16(2), UINT16(2), INT32(4), UINT8(1), INT8(1);

        final int bytes;

        SampleType(int bytes) {
            this.bytes = bytes;
        }

        static SampleType of(long format, long bits) {
            if (format == 3 && bits == 32) {
                return FLOAT32;
            } else if (format == 3 && bits == 64) {
                return FLOAT64;
            } else if (format == 2 && bits == 16) {
                return INT16;
            } else if (format == 1 && bits == 16) {
                return UINT16;
            } else if (format == 2 && bits == 32) {
                return INT32;
            } else if (format == 1 && bits == 8) {
                return UINT8;
            } else if (format == 2 && bits == 8) {
                return INT8;
            }
            return null;
        }

        float get(ByteBuffer b, int pos) {
            return switch (this) {
                case FLOAT32 -> b.getFloat(pos);
                case FLOAT64 -> (float) b.getDouble(pos);
                case INT16 -> b.getShort(pos);
                case UINT16 -> b.getShort(pos) & 0xFFFF;
                case INT32 -> b.getInt(pos);
                case UINT8 -> b.get(pos) & 0xFF;
                case INT8 -> b.get(pos);
            };
        }
    }

    private static FloatBuffer readStrips(Path file, ByteBuffer b, SampleType st, int w, int h, int rowsPerStrip,
                                          long[] offsets, long[] counts) {
        long rowBytes = (long) w * st.bytes;
        int strips = (h + rowsPerStrip - 1) / rowsPerStrip;
        if (offsets.length < strips) {
            throw new TerrainException(file + ": GeoTIFF declares " + offsets.length + " strips, needs " + strips);
        }
        for (int s = 0; s < strips; s++) {
            long rows = Math.min(rowsPerStrip, h - (long) s * rowsPerStrip);
            if (counts[s] < rows * rowBytes) {
                throw new TerrainException(file + ": strip " + s + " holds " + counts[s] + " bytes, needs " + rows * rowBytes);
            }
        }
        if (st == SampleType.FLOAT32) {
            boolean contiguous = true;
            for (int s = 1; s < strips && contiguous; s++) {
                contiguous = offsets[s] == offsets[0] + s * rowsPerStrip * rowBytes;
            }
            if (contiguous) {
                // Zero copy: the samples are the mapped file itself.
                ByteBuffer slice = b.slice((int) offsets[0], (int) (rowBytes * h)).order(b.order());
                return slice.asFloatBuffer();
            }
        }
        FloatBuffer out = SampleStorage.allocate(w, h);
        float[] row = new float[w];
        for (int r = 0; r < h; r++) {
            int s = r / rowsPerStrip;
            long pos = offsets[s] + (long) (r - s * rowsPerStrip) * rowBytes;
            for (int c = 0; c < w; c++) {
                row[c] = st.get(b, (int) (pos + (long) c * st.bytes));
            }
            out.put(r * w, row, 0, w);
        }
        return out;
    }

    private static FloatBuffer readTiles(Path file, ByteBuffer b, SampleType st, int w, int h, int tw, int th,
                                         long[] offsets, long[] counts) {
        if (tw <= 0 || th <= 0) {
            throw new TerrainException(file + ": invalid tile size " + tw + " × " + th);
        }
        int across = (w + tw - 1) / tw, down = (h + th - 1) / th;
        if (offsets.length < (long) across * down) {
            throw new TerrainException(file + ": GeoTIFF declares " + offsets.length + " tiles, needs " + (long) across * down);
        }
        long tileBytes = (long) tw * th * st.bytes;
        FloatBuffer out = SampleStorage.allocate(w, h);
        float[] row = new float[tw];
        for (int ty = 0; ty < down; ty++) {
            for (int tx = 0; tx < across; tx++) {
                int t = ty * across + tx;
                if (counts[t] < tileBytes) {
                    throw new TerrainException(file + ": tile " + t + " holds " + counts[t] + " bytes, needs " + tileBytes);
                }
                int cols = Math.min(tw, w - tx * tw);
                for (int r = 0; r < th && ty * th + r < h; r++) {
                    long pos = offsets[t] + (long) r * tw * st.bytes;
                    for (int c = 0; c < cols; c++) {
                        row[c] = st.get(b, (int) (pos + (long) c * st.bytes));
                    }
                    out.put((ty * th + r) * w + tx * tw, row, 0, cols);
                }
            }
        }
        return out;
    }

    private static long scalar(ByteBuffer b, int e, int type) {
        return switch (type) {
            case 3 -> b.getShort(e + 8) & 0xFFFF;
            case 4 -> b.getInt(e + 8) & 0xFFFFFFFFL;
            default -> b.get(e + 8) & 0xFF;
        };
    }

    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11 -> 4;
            case 5, 10, 12 -> 8;
            default -> -1;
        };
    }

    private static int valuesAt(Path file, ByteBuffer b, int e, int type, long count, int size) {
        int ts = typeSize(type);
        if (ts < 0) {
            throw new TerrainException(file + ": GeoTIFF tag has unknown type " + type);
        }
        long bytes = ts * count;
        if (bytes <= 4) {
            return e + 8;
        }
        long off = b.getInt(e + 8) & 0xFFFFFFFFL;
        if (off + bytes > size) {
            throw truncated(file);
        }
        return (int) off;
    }

    private static long[] longs(Path file, ByteBuffer b, int e, int type, long count, int size) {
        if (count > size) {
            throw truncated(file);
        }
        int pos = valuesAt(file, b, e, type, count, size);
        long[] v = new long[(int) count];
        for (int i = 0; i < count; i++) {
            v[i] = switch (type) {
                case 3 -> b.getShort(pos + 2 * i) & 0xFFFF;
                case 4 -> b.getInt(pos + 4 * i) & 0xFFFFFFFFL;
                case 1 -> b.get(pos + i) & 0xFF;
                default -> throw new TerrainException(file + ": GeoTIFF integer tag has type " + type);
            };
        }
        return v;
    }

    private static double[] doubles(Path file, ByteBuffer b, int e, int type, long count, int size) {
        if (type != 12 || count > size) {
            return null;
        }
        int pos = valuesAt(file, b, e, type, count, size);
        double[] v = new double[(int) count];
        for (int i = 0; i < count; i++) {
            v[i] = b.getDouble(pos + 8 * i);
        }
        return v;
    }

    private static String ascii(Path file, ByteBuffer b, int e, long count, int size) {
        int pos = valuesAt(file, b, e, 2, count, size);
        byte[] s = new byte[(int) count];
        b.get(pos, s);
        int len = 0;
        while (len < s.length && s[len] != 0) {
            len++;
        }
        return new String(s, 0, len, StandardCharsets.US_ASCII);
    }
}
