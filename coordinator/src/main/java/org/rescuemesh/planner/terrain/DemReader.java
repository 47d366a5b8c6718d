package org.rescuemesh.planner.terrain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens a DEM by format: SRTM {@code .hgt} by extension, GeoTIFF by its TIFF signature (uncompressed
 * GDAL-style files memory-mapped by {@link MappedGeoTiffReader}, all others through Apache SIS).
 */
public final class DemReader {

    private DemReader() {
    }

    public static ElevationGrid read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".hgt")) {
            return SrtmHgtReader.read(file);
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (NoSuchFileException e) {
            throw new TerrainException(file + ": no such file", e);
        } catch (IOException e) {
            throw new TerrainException(file + ": cannot read: " + e.getMessage(), e);
        }
        boolean tiff = n == 4 && ((head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43)));
        if (!tiff) {
            throw new TerrainException(file + ": not a DEM this planner reads (expected a GeoTIFF or an SRTM .hgt tile)");
        }
        // GDAL's default layout is read straight from a memory map; SIS handles everything else.
        TerrainException[] crsProblem = new TerrainException[1];
        Optional<ElevationGrid> mapped = MappedGeoTiffReader.tryRead(file, crsProblem);
        if (mapped.isPresent()) {
            return mapped.get();
        }
        try {
            return GeoTiffDemReader.read(file);
        } catch (TerrainException e) {
            // SIS fails on the same CRS with a vaguer message: name the EPSG code instead.
            if (crsProblem[0] != null) {
                throw new TerrainException(file + ": " + crsProblem[0].getMessage(), e);
            }
            throw e;
        }
    }

    /** Reads every file and joins them into one grid (see {@link DemMosaic}). */
    public static ElevationGrid readMosaic(List<Path> files) {
        List<ElevationGrid> grids = new ArrayList<>(files.size());
        for (Path f : files) {
            grids.add(read(f));
        }
        return DemMosaic.of(grids);
    }
}
