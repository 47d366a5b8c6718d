package org.rescuemesh.planner.terrain;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Shaded-relief pictures of a DEM for maps that have no base tiles (no internet in the field). */
public final class ShadedRelief {

    private ShadedRelief() {
    }

    /**
     * Shaded relief with a hypsometric tint of {@code grid} over a latitude/longitude box, as a
     * PNG aligned to latitude/longitude (what a web map's image overlay expects), {@code widthPx}
     * wide. Heights are sampled bilinearly at each pixel, so any CRS of the grid works.
     */
    public static byte[] png(ElevationGrid grid, double south, double west, double north, double east, int widthPx) {
        if (!(north > south) || !(east > west) || widthPx < 2 || widthPx > 4096) {
            throw new TerrainException("relief box must have north > south, east > west and 2..4096 px width");
        }
        double latSpan = north - south;
        double lonSpan = east - west;
        double cosLat = Math.cos(Math.toRadians((north + south) / 2));
        int heightPx = (int) Math.round(widthPx * latSpan / (lonSpan * cosLat));
        double[][] z = new double[heightPx + 2][widthPx + 2];
        for (int r = 0; r < heightPx + 2; r++) {
            double lat = north - (r - 0.5) * latSpan / heightPx;
            for (int c = 0; c < widthPx + 2; c++) {
                double[] xy = grid.crs().fromLonLat(west + (c - 0.5) * lonSpan / widthPx, lat);
                z[r][c] = grid.elevationAt(xy[0], xy[1]);
            }
        }
        double pixelM = lonSpan * cosLat * 111_320 / widthPx;
        double zenith = Math.toRadians(45);
        double azimuth = Math.toRadians(315);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double[] row : z) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        BufferedImage img = new BufferedImage(widthPx, heightPx, BufferedImage.TYPE_INT_RGB);
        for (int r = 1; r <= heightPx; r++) {
            for (int c = 1; c <= widthPx; c++) {
                double dzdx = (z[r][c + 1] - z[r][c - 1]) / (2 * pixelM);
                double dzdy = (z[r - 1][c] - z[r + 1][c]) / (2 * pixelM);
                double slope = Math.atan(Math.hypot(dzdx, dzdy));
                double aspect = Math.atan2(dzdy, -dzdx);
                double shade = Math.cos(zenith) * Math.cos(slope)
                        + Math.sin(zenith) * Math.sin(slope) * Math.cos(azimuth - aspect);
                shade = Double.isNaN(shade) ? 0.5 : Math.max(0, shade);
                double t = Double.isNaN(z[r][c]) ? 0 : (z[r][c] - lo) / Math.max(1, hi - lo);
                img.setRGB(c - 1, r - 1, tint(t, 0.35 + 0.65 * shade));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Lowland green → upland tan → summit grey, scaled by the shade. */
    private static int tint(double t, double shade) {
        double[][] stops = {{0, 120, 170, 110}, {0.45, 200, 190, 130}, {0.8, 170, 140, 110}, {1, 235, 235, 235}};
        int i = 0;
        while (i < stops.length - 2 && t > stops[i + 1][0]) {
            i++;
        }
        double f = Math.max(0, Math.min(1, (t - stops[i][0]) / (stops[i + 1][0] - stops[i][0])));
        int rgb = 0;
        for (int k = 1; k <= 3; k++) {
            double v = (stops[i][k] + f * (stops[i + 1][k] - stops[i][k])) * shade;
            rgb = (rgb << 8) | (int) Math.max(0, Math.min(255, v));
        }
        return rgb;
    }
}
