package org.rescuemesh.planner.terrain;

/**
 * A DEM or terrain request that cannot be honoured: unreadable or truncated file, unsupported CRS,
 * a point outside the grid, an invalid parameter. The message names the problem in the user's
 * words so a CLI can print it as is.
 */
public class TerrainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TerrainException(String message) {
        super(message);
    }

    public TerrainException(String message, Throwable cause) {
        super(message, cause);
    }
}
