package org.rescuemesh.coordinator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rescuemesh.planner.terrain.DemReader;
import org.rescuemesh.planner.terrain.ElevationGrid;
import picocli.CommandLine.Option;

/** The {@code --dem} option of the planner commands: one DEM file, or several tiles to mosaic. */
final class DemFiles {

    @Option(names = "--dem", required = true, paramLabel = "DEM", description = "DEM file (repeat to mosaic tiles)")
    List<Path> files;

    /**
     * Adds one {@code --dem} value, as picocli does for each occurrence, to {@code dem} (created
     * when the short command-line path has none yet); returns it.
     */
    static DemFiles add(DemFiles dem, String file) {
        DemFiles d = dem == null ? new DemFiles() : dem;
        if (d.files == null) {
            d.files = new ArrayList<>();
        }
        d.files.add(Path.of(file));
        return d;
    }

    /**
     * Reads the DEM (a mosaic when several files are given); TerrainException names the problem.
     * (The terrain package itself keeps Apache SIS's warnings off when it has to call SIS.)
     */
    ElevationGrid read() {
        return files.size() == 1 ? DemReader.read(files.get(0)) : DemReader.readMosaic(files);
    }
}
