package org.rescuemesh.planner.coverage;

/**
 * Predicted link margin per raster cell for one radio profile and a set of transmitters:
 * the best-server margin in dB (received power from the strongest transmitter minus the
 * receiver's sensitivity) for a terminal at the cell centre.
 *
 * <p>This is the seam to the propagation layer: its per-node received-power rasters (ITM along
 * the great-circle profile to each cell), combined by maximum over transmitters and shifted by
 * the profile's sensitivity, implement this interface directly. {@link MarginGrid} is an
 * in-memory implementation.
 */
public interface CoverageRaster {

    RasterGrid grid();

    /** Radio profile the margins were computed for (e.g. "lora-sf9-868"). */
    String radioProfile();

    /**
     * Link margin in dB at cell (col, row); NaN where nothing was predicted (outside the
     * computed radius), which counts as not covered.
     */
    double marginDb(int col, int row);
}
