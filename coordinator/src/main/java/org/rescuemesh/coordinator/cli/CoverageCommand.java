package org.rescuemesh.coordinator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rescuemesh.planner.propagation.CoverageModel;
import org.rescuemesh.planner.propagation.CoverageRasterizer;
import org.rescuemesh.planner.propagation.CoverageRequest;
import org.rescuemesh.planner.propagation.RayRule;
import org.rescuemesh.planner.propagation.ReceivedPowerRaster;
import org.rescuemesh.planner.radio.Climate;
import org.rescuemesh.planner.radio.ItmParameters;
import org.rescuemesh.planner.radio.Polarization;
import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.TerrainException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coordinator.jar coverage …}: predicted received power of one transmitter over a DEM. */
@Command(name = "coverage",
        mixinStandardHelpOptions = true,
        description = {
            "Predicted received power (dBm) of a transmitter over a DEM, written as a Float32 GeoTIFF on the",
            "DEM's grid, NaN where not computed. ITM (Longley-Rice) point-to-point along the geodesic",
            "(geographic DEM) or straight (projected DEM) profile to each cell; ERP is dipole-referenced as in",
            "SPLAT!: dBm = 10*log10(ERP_W*1000) + 2.14 - loss (isotropic receiver).",
            "DEM: GeoTIFF (projected CRS in metres, or WGS 84) or SRTM .hgt (1\" or 3\"); repeat --dem to mosaic.",
            "ITM defaults are SPLAT!'s -olditm ones: climate 5, N0 301, eps 15, sigma 0.005, vertical, mdvar 12, 50/50/50."})
public final class CoverageCommand implements Callable<Integer>, PlainOptionCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    DemFiles dem;

    @Option(names = "--lat", required = true, paramLabel = "LAT", description = "transmitter latitude, WGS 84 degrees")
    double lat;

    @Option(names = "--lon", required = true, paramLabel = "LON", description = "transmitter longitude, WGS 84 degrees (east positive)")
    double lon;

    @Option(names = "--tx-height", required = true, paramLabel = "M", description = "transmit antenna height above ground, metres")
    double txHeight;

    @Option(names = "--rx-height", required = true, paramLabel = "M", description = "receive antenna height above ground, metres")
    double rxHeight;

    @Option(names = "--freq-mhz", required = true, paramLabel = "F", description = "frequency, 20..20000 MHz")
    double freqMhz;

    @Option(names = "--erp-w", required = true, paramLabel = "W", description = "effective radiated power (dipole-referenced), watts")
    double erpW;

    @Option(names = "--radius-km", required = true, paramLabel = "R", description = "radius of the computed area, km")
    double radiusKm;

    @Option(names = "--model", paramLabel = "itm|fspl", defaultValue = "itm", description = "path-loss model (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--climate", paramLabel = "1..7", defaultValue = "5",
            description = "radio climate: 1 equatorial, 2 continental subtropical, 3 maritime subtropical, 4 desert, "
                    + "5 continental temperate, 6 maritime temperate over land, 7 over sea (default: ${DEFAULT-VALUE})")
    int climate;

    @Option(names = "--n0", paramLabel = "N", defaultValue = "301", description = "surface refractivity, N-units (default: ${DEFAULT-VALUE})")
    double n0;

    @Option(names = "--epsilon", paramLabel = "E", defaultValue = "15", description = "ground relative permittivity (default: ${DEFAULT-VALUE})")
    double epsilon;

    @Option(names = "--sigma", paramLabel = "S", defaultValue = "0.005", description = "ground conductivity, S/m (default: ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--polarization", paramLabel = "horizontal|vertical", defaultValue = "vertical",
            description = "antenna polarisation (default: ${DEFAULT-VALUE})")
    String polarization;

    @Option(names = "--mdvar", paramLabel = "N", defaultValue = "12",
            description = "ITM variability mode 0..3, +10 no location variability, +20 no situation variability (default: ${DEFAULT-VALUE}, as SPLAT!)")
    int mdvar;

    @Option(names = "--time-pct", paramLabel = "T", defaultValue = "50", description = "time percentage, 0 < T < 100 (default: ${DEFAULT-VALUE})")
    double timePct;

    @Option(names = "--location-pct", paramLabel = "L", defaultValue = "50", description = "location percentage (default: ${DEFAULT-VALUE})")
    double locationPct;

    @Option(names = "--situation-pct", paramLabel = "S", defaultValue = "50", description = "situation (confidence) percentage (default: ${DEFAULT-VALUE})")
    double situationPct;

    @Option(names = "--ray-rule", paramLabel = "RULE", defaultValue = "CELL_CENTRE",
            description = "ray geometry: CELL_CENTRE (each cell's path ends at the ray sample nearest its centre) or "
                    + "SPLAT_1_4 (reproduces SPLAT! 1.4.2's rays, cells and paths; geographic DEMs) (default: ${DEFAULT-VALUE})")
    RayRule rayRule;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all processors)")
    Integer threads;

    @Option(names = "--out", required = true, paramLabel = "OUT.tif", description = "output Float32 GeoTIFF (dBm)")
    Path out;

    /** The options above, for CoordinatorMain's short path (PlainCommandLineTest holds the two in step). */
    private static final List<PlainOption> PLAIN_OPTIONS = List.of(
            PlainOption.requiredList("--dem"),
            PlainOption.required("--lat"),
            PlainOption.required("--lon"),
            PlainOption.required("--tx-height"),
            PlainOption.required("--rx-height"),
            PlainOption.required("--freq-mhz"),
            PlainOption.required("--erp-w"),
            PlainOption.required("--radius-km"),
            PlainOption.optional("--model", "itm"),
            PlainOption.optional("--climate", "5"),
            PlainOption.optional("--n0", "301"),
            PlainOption.optional("--epsilon", "15"),
            PlainOption.optional("--sigma", "0.005"),
            PlainOption.optional("--polarization", "vertical"),
            PlainOption.optional("--mdvar", "12"),
            PlainOption.optional("--time-pct", "50"),
            PlainOption.optional("--location-pct", "50"),
            PlainOption.optional("--situation-pct", "50"),
            PlainOption.optional("--ray-rule", "CELL_CENTRE"),
            PlainOption.optional("--threads"),
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
            case "--lat" -> lat = Double.valueOf(value);
            case "--lon" -> lon = Double.valueOf(value);
            case "--tx-height" -> txHeight = Double.valueOf(value);
            case "--rx-height" -> rxHeight = Double.valueOf(value);
            case "--freq-mhz" -> freqMhz = Double.valueOf(value);
            case "--erp-w" -> erpW = Double.valueOf(value);
            case "--radius-km" -> radiusKm = Double.valueOf(value);
            case "--model" -> model = value;
            case "--climate" -> climate = Integer.valueOf(value);
            case "--n0" -> n0 = Double.valueOf(value);
            case "--epsilon" -> epsilon = Double.valueOf(value);
            case "--sigma" -> sigma = Double.valueOf(value);
            case "--polarization" -> polarization = value;
            case "--mdvar" -> mdvar = Integer.valueOf(value);
            case "--time-pct" -> timePct = Double.valueOf(value);
            case "--location-pct" -> locationPct = Double.valueOf(value);
            case "--situation-pct" -> situationPct = Double.valueOf(value);
            case "--ray-rule" -> rayRule = RayRule.valueOf(value);
            case "--threads" -> threads = Integer.valueOf(value);
            case "--out" -> out = Path.of(value);
            default -> throw new IllegalArgumentException("not a coverage option: " + name);
        }
    }

    @Override
    public Integer call() {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    @Override
    public int run(PrintWriter outWriter, PrintWriter err) {
        try {
            ItmParameters itm = new ItmParameters(Climate.ofCode(climate), n0, epsilon, sigma,
                    Polarization.parse(polarization), mdvar, timePct, locationPct, situationPct);
            if (!(radiusKm > 0) || Double.isInfinite(radiusKm)) {
                throw new IllegalArgumentException("radius must be a positive number of km, got " + radiusKm);
            }
            CoverageRequest request = new CoverageRequest(lat, lon, txHeight, rxHeight, freqMhz, erpW, radiusKm * 1000.0,
                    CoverageModel.parse(model), itm);
            if (threads != null && threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            CoverageRasterizer rasterizer = threads == null ? CoverageRasterizer.withAllProcessors() : new CoverageRasterizer(threads);
            long t0 = System.nanoTime();
            ElevationGrid grid = dem.read();
            long t1 = System.nanoTime();
            ReceivedPowerRaster raster = rasterizer.compute(grid, request, rayRule);
            long t2 = System.nanoTime();
            raster.writeGeoTiff(out);
            long t3 = System.nanoTime();
            outWriter.printf(Locale.ROOT, "coverage: %d cells computed (%s), %d at or above -100 dBm, written %s "
                            + "(read %.3f s, compute %.3f s, write %.3f s)%n",
                    raster.computedCells(), request.model().name().toLowerCase(Locale.ROOT), raster.cellsAtOrAbove(-100),
                    out, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
            outWriter.flush();
            return 0;
        } catch (TerrainException | IllegalArgumentException e) {
            err.println("coverage: " + e.getMessage());
            err.flush();
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("coverage: not enough memory for this DEM (" + e.getMessage() + "); raise -Xmx");
            err.flush();
            return 1;
        }
    }
}
