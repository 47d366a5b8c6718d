package org.rescuemesh.coordinator.demo;

import java.util.List;
import org.rescuemesh.coordinator.planning.PlanningContext;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GridCrs;
import org.rescuemesh.planner.terrain.ShadedRelief;
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

    /** Radio the demo's teams and relays carry: UHF handhelds reach kilometres, ridges still cut them off. */
    public static final String RADIO = "uhf-handheld";

    /**
     * The command post at the south edge of the area (where the road comes in), the whole area
     * as one search area, UHF relays.
     */
    public PlanningContext planningContext() {
        GeoPoint cp = new GeoPoint(area.south() + 0.01, area.centerLon());
        String wkt = String.format(java.util.Locale.ROOT, "POLYGON((%f %f, %f %f, %f %f, %f %f, %f %f))",
                area.west(), area.south(), area.east(), area.south(), area.east(), area.north(),
                area.west(), area.north(), area.west(), area.south());
        return new PlanningContext(grid, cp, 10, List.of(org.rescuemesh.planner.coverage.SearchArea.fromWkt(
                "demo-area", "Leyte hills search area", wkt)), RADIO);
    }

    /** Shaded relief of the search area for the map ({@link ShadedRelief}). */
    public byte[] shadedReliefPng(int widthPx) {
        return ShadedRelief.png(grid, area.south(), area.west(), area.north(), area.east(), widthPx);
    }
}
