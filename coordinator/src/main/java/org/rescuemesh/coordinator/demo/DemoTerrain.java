package org.rescuemesh.coordinator.demo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GridCrs;
import org.rescuemesh.planner.terrain.SyntheticTerrain;

/**
 * The demo's ground: seeded synthetic hills, ridges and a river valley under the search area,
 * in UTM zone 51N at 30 m (like SRTM 1″), plus a shaded-relief picture of it for the map.
 */
public final class DemoTerrain {

    static final double CELL_M = 30;
    private static final double MARGIN_M = 3_000;

    private final SearchArea area;
    private final ElevationGrid grid;

    private DemoTerrain(SearchArea area, ElevationGrid grid) {
        this.area = area;
        this.grid = grid;
    }

    public static DemoTerrain generate(long seed, SearchArea area) {
        GridCrs utm = GridCrs.utm(51, true);
        double[] nw = utm.fromLonLat(area.west(), area.north());
        double[] ne = utm.fromLonLat(area.east(), area.north());
        double[] sw = utm.fromLonLat(area.west(), area.south());
        double[] se = utm.fromLonLat(area.east(), area.south());
        double minX = Math.min(nw[0], sw[0]) - MARGIN_M;
        double maxX = Math.max(ne[0], se[0]) + MARGIN_M;
        double minY = Math.min(sw[1], se[1]) - MARGIN_M;
        double maxY = Math.max(nw[1], ne[1]) + MARGIN_M;
        int width = (int) Math.ceil((maxX - minX) / CELL_M);
        int height = (int) Math.ceil((maxY - minY) / CELL_M);
        return new DemoTerrain(area, SyntheticTerrain.generate(seed, width, height, CELL_M, utm, minX, maxY));
    }

    public ElevationGrid grid() {
        return grid;
    }

    public SearchArea area() {
        return area;
    }

    /** Ground height in metres at a WGS 84 point; NaN outside the grid. */
    public double elevationAt(double lat, double lon) {
        double[] xy = grid.crs().fromLonLat(lon, lat);
        return grid.elevationAt(xy[0], xy[1]);
    }

    /**
     * Shaded relief with a hypsometric tint, as a PNG aligned to latitude/longitude over the
     * search area (what Leaflet's image overlay expects), {@code widthPx} wide.
     */
    public byte[] shadedReliefPng(int widthPx) {
        double latSpan = area.north() - area.south();
        double lonSpan = area.east() - area.west();
        double cosLat = Math.cos(Math.toRadians(area.centerLat()));
        int heightPx = (int) Math.round(widthPx * latSpan / (lonSpan * cosLat));
        double[][] z = new double[heightPx + 2][widthPx + 2];
        for (int r = 0; r < heightPx + 2; r++) {
            double lat = area.north() - (r - 0.5) * latSpan / heightPx;
            for (int c = 0; c < widthPx + 2; c++) {
                z[r][c] = elevationAt(lat, area.west() + (c - 0.5) * lonSpan / widthPx);
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
