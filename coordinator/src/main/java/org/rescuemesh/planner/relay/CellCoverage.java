package org.rescuemesh.planner.relay;

import java.util.BitSet;
import org.rescuemesh.planner.coverage.SampleCells;

/**
 * Which search-area cells a radio at a site serves: a terminal (a rescuer's handheld) at the
 * cell centre and the site can talk in both directions. Bit {@code i} of the result is cell
 * {@code i} of {@code cells}.
 *
 * <p>{@link PointwiseCellCoverage} asks a {@link LinkPredictor} cell by cell; a coverage
 * engine that computes a whole raster per transmitter (rays to the perimeter) can implement
 * this directly by sampling its margin raster at the cell centres. Must be thread-safe.
 */
@FunctionalInterface
public interface CellCoverage {

    BitSet coveredCells(Site site, SampleCells cells, Cancellation cancellation);
}
