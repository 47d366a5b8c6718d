package org.rescuemesh.planner.terrain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffWriter;
import mil.nga.tiff.io.ByteWriter;
import mil.nga.tiff.util.TiffConstants;

/**
 * Writes single-band Byte or Float32 GeoTIFFs (uncompressed strips, little-endian) with the
 * GeoTIFF tags GDAL needs: ModelPixelScale, ModelTiepoint (top-left corner, PixelIsArea) and a
 * GeoKeyDirectory naming the CRS by EPSG code (ProjectedCSTypeGeoKey or GeographicTypeGeoKey),
 * plus GDAL_NODATA when a nodata value is given. Grids must be north-up. The file is written to a
 * temporary sibling and moved into place, so a failed write never leaves a half file.
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
        write(file, w, h, FieldType.FLOAT, buf, grid.transform(), grid.crs(),
                Float.isNaN(grid.nodata()) ? null : formatNodata(grid.nodata()));
    }

    /** Writes row-major float samples; {@code nodata} NaN means none is declared. */
    public static void writeFloat32(Path file, float[] samples, int width, int height, GeoTransform transform,
                                    GridCrs crs, float nodata) {
        checkSize(samples.length, width, height);
        ByteBuffer buf = ByteBuffer.allocate(samples.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(samples);
        write(file, width, height, FieldType.FLOAT, buf, transform, crs, Float.isNaN(nodata) ? null : formatNodata(nodata));
    }

    /** Writes row-major unsigned bytes; {@code nodata} outside 0..255 means none is declared. */
    public static void writeByte(Path file, byte[] samples, int width, int height, GeoTransform transform,
                                 GridCrs crs, int nodata) {
        checkSize(samples.length, width, height);
        ByteBuffer buf = ByteBuffer.wrap(samples).order(ByteOrder.LITTLE_ENDIAN);
        write(file, width, height, FieldType.BYTE, buf, transform, crs,
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

    private static void write(Path file, int width, int height, FieldType type, ByteBuffer data,
                              GeoTransform gt, GridCrs crs, String nodata) {
        if (!gt.isNorthUp()) {
            throw new TerrainException("GeoTIFF writer supports north-up grids only (transform " + gt + ")");
        }
        Rasters rasters = new Rasters(width, height, new FieldType[] {type}, new ByteBuffer[] {data});
        FileDirectory dir = new FileDirectory();
        dir.setImageWidth(width);
        dir.setImageHeight(height);
        dir.setBitsPerSample(type.getBits());
        dir.setCompression(TiffConstants.COMPRESSION_NO);
        dir.setPhotometricInterpretation(TiffConstants.PHOTOMETRIC_INTERPRETATION_BLACK_IS_ZERO);
        dir.setSamplesPerPixel(1);
        dir.setPlanarConfiguration(TiffConstants.PLANAR_CONFIGURATION_CHUNKY);
        dir.setSampleFormat(FieldType.getSampleFormat(type));
        // ~64 KiB strips: few enough directory entries, small enough for partial reads.
        dir.setRowsPerStrip(Math.max(1, Math.min(height, 65536 / (width * type.getBytes()))));
        dir.setDoubleListEntryValue(FieldTagType.ModelPixelScale, List.of(gt.pixelWidth(), -gt.pixelHeight(), 0.0));
        dir.setDoubleListEntryValue(FieldTagType.ModelTiepoint, List.of(0.0, 0.0, 0.0, gt.originX(), gt.originY(), 0.0));
        List<Integer> keys = new ArrayList<>(List.of(1, 1, 0, 3));
        keys.addAll(List.of(GT_MODEL_TYPE, 0, 1, crs.isProjected() ? MODEL_TYPE_PROJECTED : MODEL_TYPE_GEOGRAPHIC));
        keys.addAll(List.of(GT_RASTER_TYPE, 0, 1, RASTER_PIXEL_IS_AREA));
        keys.addAll(List.of(crs.isProjected() ? PROJECTED_CS_TYPE : GEOGRAPHIC_TYPE, 0, 1, crs.epsgCode()));
        dir.setUnsignedIntegerListEntryValue(FieldTagType.GeoKeyDirectory, keys);
        if (nodata != null) {
            dir.setStringEntryValue(FieldTagType.GDAL_NODATA, nodata);
        }
        dir.setWriteRasters(rasters);
        TIFFImage image = new TIFFImage();
        image.add(dir);
        Path tmp = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new TerrainException("cannot write " + file + ": directory " + parent + " does not exist");
            }
            tmp = Files.createTempFile(parent, "." + file.getFileName(), ".part");
            ByteWriter writer = new ByteWriter(ByteOrder.LITTLE_ENDIAN);
            try {
                TiffWriter.writeTiff(tmp.toFile(), writer, image);
            } finally {
                writer.close();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException | RuntimeException e) {
            if (e instanceof TerrainException te) {
                throw te;
            }
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
}
