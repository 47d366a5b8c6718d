package org.rescuemesh.coordinator.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rescuemesh.planner.terrain.DemReader;
import org.rescuemesh.planner.terrain.ElevationGrid;
import picocli.CommandLine.Option;

/** The {@code --dem} option of the planner commands: one DEM file, or several tiles to mosaic. */
final class DemFiles {

    /**
     * Apache SIS warns on every run that no EPSG database (SIS_DATA) is configured; the planner
     * does not need one for UTM and WGS 84, so the CLIs keep SIS to real errors. Held in a field
     * because java.util.logging keeps loggers only weakly.
     */
    private static final Logger SIS_LOG = Logger.getLogger("org.apache.sis");

    @Option(names = "--dem", required = true, paramLabel = "DEM", description = "DEM file (repeat to mosaic tiles)")
    List<Path> files;

    /** Reads the DEM (a mosaic when several files are given); TerrainException names the problem. */
    ElevationGrid read() {
        SIS_LOG.setLevel(Level.SEVERE);
        return files.size() == 1 ? DemReader.read(files.get(0)) : DemReader.readMosaic(files);
    }
}
