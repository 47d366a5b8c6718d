package org.rescuemesh.coordinator.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.TerrainException;
import org.rescuemesh.planner.viewshed.NeighbourRule;
import org.rescuemesh.planner.viewshed.ReferencePlaneViewshed;
import org.rescuemesh.planner.viewshed.Viewshed;
import org.rescuemesh.planner.viewshed.ViewshedParameters;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coordinator.jar viewshed …}: gdal_viewshed-compatible viewshed of a DEM file. */
@Command(name = "viewshed",
        mixinStandardHelpOptions = true,
        description = {
            "Viewshed of a DEM with gdal_viewshed's semantics: Byte GeoTIFF, 255 visible, 0 not visible",
            "or beyond --max-distance (the output is then cropped to the square around the observer).",
            "DEM: GeoTIFF (projected CRS in metres, or WGS 84) or SRTM .hgt (1\" or 3\"); repeat --dem to",
            "mosaic tiles. On geographic DEMs X/Y are longitude/latitude and distances are computed in a",
            "local metric frame at the observer's latitude (gdal_viewshed needs a projected CRS)."})
public final class ViewshedCommand implements Callable<Integer>, PlainOptionCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    DemFiles dem;

    @Option(names = "--observer-x", required = true, paramLabel = "X", description = "observer x in the DEM's CRS")
    double observerX;

    @Option(names = "--observer-y", required = true, paramLabel = "Y", description = "observer y in the DEM's CRS")
    double observerY;

    @Option(names = "--observer-height", required = true, paramLabel = "M", description = "observer height above ground, metres")
    double observerHeight;

    @Option(names = "--target-height", required = true, paramLabel = "M", description = "target height above ground, metres")
    double targetHeight;

    @Option(names = "--max-distance", paramLabel = "M", defaultValue = "0",
            description = "maximum distance in metres, 0 = whole DEM (default: ${DEFAULT-VALUE})")
    double maxDistance;

    @Option(names = "--curvature-coeff", paramLabel = "C", defaultValue = "0.85714",
            description = "heights lowered by C·d²/D_earth; 0.85714 light refraction, 0.75 radio (k=4/3), 0 flat (default: ${DEFAULT-VALUE})")
    double curvatureCoefficient;

    @Option(names = "--neighbour-rule", paramLabel = "RULE", defaultValue = "ALWAYS_VISIBLE",
            description = "observer's 8 neighbours: ALWAYS_VISIBLE (current GDAL) or GDAL_3_6 (reproduces GDAL 3.6) (default: ${DEFAULT-VALUE})")
    NeighbourRule neighbourRule;

    @Option(names = "--out", required = true, paramLabel = "OUT.tif", description = "output Byte GeoTIFF")
    Path out;

    /** The options above, for CoordinatorMain's short path (PlainCommandLineTest holds the two in step). */
    private static final List<PlainOption> PLAIN_OPTIONS = List.of(
            PlainOption.requiredList("--dem"),
            PlainOption.required("--observer-x"),
            PlainOption.required("--observer-y"),
            PlainOption.required("--observer-height"),
            PlainOption.required("--target-height"),
            PlainOption.optional("--max-distance", "0"),
            PlainOption.optional("--curvature-coeff", "0.85714"),
            PlainOption.optional("--neighbour-rule", "ALWAYS_VISIBLE"),
            PlainOption.required("--out"));

    @Override
    public List<PlainOption> plainOptions() {
        return PLAIN_OPTIONS;
    }

    /** Same conversions as picocli's built-in converters for these field types. */
    @Override
    public void setOption(String name, String value) {
        switch (name) {
            case "--dem" -> dem = DemFiles.add(dem, value);
            case "--observer-x" -> observerX = Double.valueOf(value);
            case "--observer-y" -> observerY = Double.valueOf(value);
            case "--observer-height" -> observerHeight = Double.valueOf(value);
            case "--target-height" -> targetHeight = Double.valueOf(value);
            case "--max-distance" -> maxDistance = Double.valueOf(value);
            case "--curvature-coeff" -> curvatureCoefficient = Double.valueOf(value);
            case "--neighbour-rule" -> neighbourRule = NeighbourRule.valueOf(value);
            case "--out" -> out = Path.of(value);
            default -> throw new IllegalArgumentException("not a viewshed option: " + name);
        }
    }

    /** {@code String.format(Locale.ROOT, "%.nf", v)} for finite v (same half-up rounding of the shortest decimal form). */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    @Override
    public int run(PrintWriter outWriter, PrintWriter err) {
        try {
            ViewshedParameters params = new ViewshedParameters(observerX, observerY, observerHeight, targetHeight,
                    maxDistance, curvatureCoefficient, Double.NaN, neighbourRule);
            long t0 = System.nanoTime();
            ElevationGrid grid = dem.read();
            long t1 = System.nanoTime();
            Viewshed v = ReferencePlaneViewshed.compute(grid, params);
            long t2 = System.nanoTime();
            v.writeGeoTiff(out);
            long t3 = System.nanoTime();
            long cells = (long) v.width() * v.height();
            // Built by hand: java.util.Formatter loads the locale data on first use, ~20 ms of this run.
            outWriter.println(new StringBuilder("viewshed: ").append(v.width()).append(" x ").append(v.height())
                    .append(" cells, ").append(fixed(100.0 * v.visibleCount() / cells, 2)).append(" % visible, written ")
                    .append(out).append(" (read ").append(fixed((t1 - t0) / 1e9, 3)).append(" s, compute ")
                    .append(fixed((t2 - t1) / 1e9, 3)).append(" s, write ").append(fixed((t3 - t2) / 1e9, 3)).append(" s)"));
            outWriter.flush();
            return 0;
        } catch (TerrainException e) {
            err.println("viewshed: " + e.getMessage());
            err.flush();
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("viewshed: not enough memory for this DEM (" + e.getMessage() + "); raise -Xmx or use --max-distance");
            err.flush();
            return 1;
        }
    }
}
