package org.rescuemesh.planner.terrain;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads SRTM {@code .hgt} tiles: 1″ (3601 × 3601) or 3″ (1201 × 1201) big-endian signed 16-bit
 * heights, rows from north to south, samples centred on whole arc-seconds (so neighbouring tiles
 * share their edge rows/columns). The tile position comes from the file name. Voids (-32768) are
 * filled by inverse-distance interpolation from the nearest valid samples in the four grid
 * directions, repeated until no void is left, so downstream code never sees them.
 */
public final class SrtmHgtReader {
    /** SRTM's void marker, kept as the grid's nodata value (no sample has it after filling). */
    public static final short VOID = -32768;
    private static final long BYTES_1 = 3601L * 3601 * 2;
    private static final long BYTES_3 = 1201L * 1201 * 2;

    private SrtmHgtReader() {
    }

    public static ElevationGrid read(Path file) {
        SrtmTile tile = SrtmTile.parse(file.getFileName().toString());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int n;
            if (size == BYTES_1) {
                n = 3601;
            } else if (size == BYTES_3) {
                n = 1201;
            } else {
                throw new TerrainException(file + ": " + size + " bytes is not an SRTM tile (1″ tiles have " + BYTES_1
                        + " bytes, 3″ tiles " + BYTES_3 + "); the file is truncated or not an .hgt");
            }
            // Map rather than read: the OS pages the 25 MB tile in while we convert it.
            ShortBuffer raw = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.BIG_ENDIAN).asShortBuffer();
            FloatBuffer out = SampleStorage.allocate(n, n);
            int voids = 0;
            for (int i = 0, cells = n * n; i < cells; i++) {
                short v = raw.get(i);
                if (v == VOID) {
                    voids++;
                }
                out.put(i, v);
            }
            if (voids == n * n) {
                throw new TerrainException(file + ": every sample is void (-32768); nothing to interpolate from");
            }
            if (voids > 0) {
                fillVoids(out, n, n, VOID);
            }
            double res = 1.0 / (n - 1);
            GeoTransform gt = new GeoTransform(tile.westLon() - res / 2, res, 0, tile.southLat() + 1 + res / 2, 0, -res);
            return ElevationGrid.of(out, n, n, gt, GridCrs.wgs84(), VOID);
        } catch (NoSuchFileException e) {
            throw new TerrainException(file + ": no such file", e);
        } catch (IOException e) {
            throw new TerrainException(file + ": cannot read SRTM tile: " + e.getMessage(), e);
        }
    }

    /**
     * Replaces every {@code voidValue} sample by the inverse-square-distance weighted mean of the
     * nearest valid samples to its left, right, above and below. A void whose whole row and column
     * are void gets its value in a later round from filled neighbours. O(cells) per round.
     */
    static void fillVoids(FloatBuffer z, int width, int height, float voidValue) {
        while (true) {
            int count = 0;
            double[] sumW = new double[1024];
            double[] sumWZ = new double[1024];
            int[] upRow = new int[width];
            float[] upZ = new float[width];
            Arrays.fill(upRow, -1);
            // Forward pass: contributions from the left and from above.
            for (int r = 0; r < height; r++) {
                int leftCol = -1;
                float leftZ = 0;
                int base = r * width;
                for (int c = 0; c < width; c++) {
                    float v = z.get(base + c);
                    if (v != voidValue) {
                        leftCol = c;
                        leftZ = v;
                        upRow[c] = r;
                        upZ[c] = v;
                        continue;
                    }
                    if (count == sumW.length) {
                        sumW = Arrays.copyOf(sumW, count * 2);
                        sumWZ = Arrays.copyOf(sumWZ, count * 2);
                    }
                    double w = 0, wz = 0;
                    if (leftCol >= 0) {
                        double d = c - leftCol, wi = 1 / (d * d);
                        w += wi;
                        wz += wi * leftZ;
                    }
                    if (upRow[c] >= 0) {
                        double d = r - upRow[c], wi = 1 / (d * d);
                        w += wi;
                        wz += wi * upZ[c];
                    }
                    sumW[count] = w;
                    sumWZ[count] = wz;
                    count++;
                }
            }
            if (count == 0) {
                return;
            }
            // Backward pass: contributions from the right and from below, same void ordinals in reverse.
            Arrays.fill(upRow, -1);
            int k = count;
            for (int r = height - 1; r >= 0; r--) {
                int rightCol = -1;
                float rightZ = 0;
                int base = r * width;
                for (int c = width - 1; c >= 0; c--) {
                    float v = z.get(base + c);
                    if (v != voidValue) {
                        rightCol = c;
                        rightZ = v;
                        upRow[c] = r;
                        upZ[c] = v;
                        continue;
                    }
                    k--;
                    if (rightCol >= 0) {
                        double d = rightCol - c, wi = 1 / (d * d);
                        sumW[k] += wi;
                        sumWZ[k] += wi * rightZ;
                    }
                    if (upRow[c] >= 0) {
                        double d = upRow[c] - r, wi = 1 / (d * d);
                        sumW[k] += wi;
                        sumWZ[k] += wi * upZ[c];
                    }
                }
            }
            // Assign; voids with no valid sample in their row or column wait for the next round.
            k = 0;
            int filled = 0;
            for (int i = 0, cells = width * height; i < cells; i++) {
                if (z.get(i) != voidValue) {
                    continue;
                }
                if (sumW[k] > 0) {
                    z.put(i, (float) (sumWZ[k] / sumW[k]));
                    filled++;
                }
                k++;
            }
            if (filled == 0) {
                throw new TerrainException("voids cannot be filled: no valid samples to interpolate from");
            }
        }
    }
}
