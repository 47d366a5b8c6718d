package org.rescuemesh.coordinator.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.rescuemesh.planner.terrain.ElevationGrid;
import org.rescuemesh.planner.terrain.GeoTiffWriter;
import org.rescuemesh.planner.terrain.SyntheticTerrain;

/**
 * The training run behind {@code coordinator/target/coordinator.jsa}, the application class-data
 * archive the build makes after shading the jar: Maven starts
 * {@code java -XX:ArchiveClassesAtExit=target/coordinator.jsa -cp target/coordinator.jar} with this
 * class, which runs the short command lines a user times against gdal_viewshed and SPLAT! —
 * {@code viewshed} on a small projected GeoTIFF and {@code coverage} on a 3″ SRTM tile, through
 * {@link CoordinatorMain#execute} exactly as {@code java -jar} would — so that the JVM records the
 * classes they load. {@code java -XX:SharedArchiveFile=coordinator/target/coordinator.jsa -jar …}
 * then maps those classes already parsed and verified instead of reading them from the 50 MB jar.
 *
 * <p>An archive is only a start-up aid: when it cannot be made, the jar works as before. So this
 * run never fails the build: it deletes the previous build's archive first (a stale archive next to a
 * new jar would only be refused at every start), and on any error prints why on stderr and still
 * exits 0; the JVM then archives whatever classes were loaded until then.
 *
 * <pre>java -XX:ArchiveClassesAtExit=ARCHIVE -cp coordinator.jar org.rescuemesh.coordinator.cli.ClassDataArchiveTraining ARCHIVE WORK_DIR</pre>
 */
public final class ClassDataArchiveTraining {

    /** Small enough to take well under a second, big enough to run every loop of both commands. */
    private static final int VIEWSHED_DEM_SIZE = 257;
    private static final double VIEWSHED_CELL_METRES = 30;
    /** A 3″ SRTM tile is always 1201 × 1201 samples; the coverage radius keeps the work small. */
    private static final int HGT_SIZE = 1201;

    private ClassDataArchiveTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("class-data archive not trained: expected ARCHIVE WORK_DIR, got " + args.length + " arguments");
            System.exit(0);
        }
        try {
            Files.deleteIfExists(Path.of(args[0]));
            int exit = train(Path.of(args[1]));
            if (exit != 0) {
                System.err.println("class-data archive training: a command exited with " + exit
                        + "; the archive holds only the classes loaded so far");
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("class-data archive training stopped (" + e + "); the jar works without an archive");
        }
        System.exit(0);
    }

    /** Runs the short command lines in {@code workDir}; returns the first non-zero exit code, or 0. */
    static int train(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        ElevationGrid projected = SyntheticTerrain.demo(42, VIEWSHED_DEM_SIZE, VIEWSHED_CELL_METRES);
        Path dem = workDir.resolve("training-dem.tif");
        GeoTiffWriter.writeFloat32(dem, projected);
        int centre = VIEWSHED_DEM_SIZE / 2;
        String x = Double.toString(projected.cellCenterX(centre, centre));
        String y = Double.toString(projected.cellCenterY(centre, centre));
        int exit = CoordinatorMain.execute("viewshed", "--dem", dem.toString(), "--observer-x", x, "--observer-y", y,
                "--observer-height", "10", "--target-height", "2", "--out", workDir.resolve("viewshed.tif").toString());
        exit = firstFailure(exit, CoordinatorMain.execute("viewshed", "--dem", dem.toString(), "--observer-x", x,
                "--observer-y", y, "--observer-height", "10", "--target-height", "2", "--curvature-coeff", "0.85714",
                "--max-distance", "3000", "--out", workDir.resolve("viewshed-md.tif").toString()));

        Path hgt = workDir.resolve("N15E120.hgt");
        writeHgt(hgt, SyntheticTerrain.demo(42, HGT_SIZE, 90));
        exit = firstFailure(exit, CoordinatorMain.execute("coverage", "--dem", hgt.toString(), "--lat", "15.5",
                "--lon", "120.5", "--tx-height", "10", "--rx-height", "2", "--freq-mhz", "446", "--erp-w", "10",
                "--radius-km", "3", "--out", workDir.resolve("coverage.tif").toString()));
        return firstFailure(exit, CoordinatorMain.execute("--version"));
    }

    private static int firstFailure(int earlier, int now) {
        return earlier != 0 ? earlier : now;
    }

    /** An SRTM .hgt: big-endian signed 16-bit metres, north row first (the grid's row order). */
    private static void writeHgt(Path file, ElevationGrid grid) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(grid.width() * grid.height() * 2).order(ByteOrder.BIG_ENDIAN);
        for (int r = 0; r < grid.height(); r++) {
            for (int c = 0; c < grid.width(); c++) {
                b.putShort((short) Math.round(grid.get(c, r)));
            }
        }
        Files.write(file, b.array());
    }
}
