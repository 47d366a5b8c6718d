package org.rescuemesh.planner.terrain;

import java.util.Arrays;

/**
 * Terrain heights at equally spaced points along a path, first point at the start. This is the
 * input a point-to-point propagation model (ITM, knife edge) needs: {@code elevations[i]} is the
 * height above the vertical datum (metres) at distance {@code i · stepMetres} from the start.
 * Points over DEM voids are NaN (see {@link #hasVoids()}).
 */
public final class TerrainProfile {
    private final double[] elevations;
    private final double stepMetres;

    public TerrainProfile(double[] elevations, double stepMetres) {
        if (elevations.length < 2) {
            throw new TerrainException("a profile needs at least 2 points, got " + elevations.length);
        }
        if (!(stepMetres > 0) || !Double.isFinite(stepMetres)) {
            throw new TerrainException("profile step must be a positive distance, got " + stepMetres);
        }
        this.elevations = elevations.clone();
        this.stepMetres = stepMetres;
    }

    public int size() {
        return elevations.length;
    }

    public double stepMetres() {
        return stepMetres;
    }

    /** Length of the path in metres (first to last point). */
    public double distanceMetres() {
        return stepMetres * (elevations.length - 1);
    }

    public double elevation(int i) {
        return elevations[i];
    }

    public double[] elevations() {
        return elevations.clone();
    }

    public boolean hasVoids() {
        for (double e : elevations) {
            if (Double.isNaN(e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The profile in the array layout NTIA's ITM uses for point-to-point mode:
     * {@code [n - 1, step, z0, z1, …, z(n-1)]} where n is the number of points.
     */
    public double[] toItmPfl() {
        double[] pfl = new double[elevations.length + 2];
        pfl[0] = elevations.length - 1;
        pfl[1] = stepMetres;
        System.arraycopy(elevations, 0, pfl, 2, elevations.length);
        return pfl;
    }

    @Override
    public String toString() {
        return "TerrainProfile[" + elevations.length + " points, step " + stepMetres + " m, "
                + Arrays.stream(elevations).filter(d -> !Double.isNaN(d)).min().orElse(Double.NaN) + ".."
                + Arrays.stream(elevations).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN) + " m]";
    }
}
