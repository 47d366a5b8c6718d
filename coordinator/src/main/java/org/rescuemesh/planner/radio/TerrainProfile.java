package org.rescuemesh.planner.radio;

import java.util.Arrays;

/**
 * Terrain elevations along a great-circle path at equal spacing, from the transmitter (index 0) to
 * the receiver (index {@link #intervals()}). Immutable: the elevation array is copied on the way in
 * and never handed out.
 */
public final class TerrainProfile {
    private final double spacingM;
    private final double[] elevationsM;

    private TerrainProfile(double spacingM, double[] elevationsM) {
        this.spacingM = spacingM;
        this.elevationsM = elevationsM;
    }

    /**
     * @param spacingM    distance between consecutive points, metres (&gt; 0)
     * @param elevationsM elevations above sea level, metres, at least two points
     */
    public static TerrainProfile of(double spacingM, double... elevationsM) {
        if (elevationsM == null || elevationsM.length < 2) {
            throw new IllegalArgumentException("terrain profile needs at least 2 points, got "
                    + (elevationsM == null ? 0 : elevationsM.length));
        }
        if (!(spacingM > 0) || Double.isInfinite(spacingM)) {
            throw new IllegalArgumentException("terrain profile spacing must be a positive number of metres, got " + spacingM);
        }
        for (int i = 0; i < elevationsM.length; i++) {
            if (!Double.isFinite(elevationsM[i])) {
                throw new IllegalArgumentException("terrain profile elevation " + i + " is not a finite number: " + elevationsM[i]);
            }
        }
        return new TerrainProfile(spacingM, elevationsM.clone());
    }

    /**
     * From the NTIA "PFL" array form: {@code [np, spacing, z0, z1, …, z_np]}.
     */
    public static TerrainProfile fromPfl(double[] pfl) {
        if (pfl == null || pfl.length < 4) {
            throw new IllegalArgumentException("PFL array needs np, spacing and at least 2 elevations");
        }
        double npRaw = pfl[0];
        int np = (int) npRaw;
        if (np != npRaw || np < 1) {
            throw new IllegalArgumentException("PFL interval count must be a positive integer, got " + npRaw);
        }
        if (pfl.length != np + 3) {
            throw new IllegalArgumentException("PFL array declares " + np + " intervals (" + (np + 1)
                    + " elevations) but holds " + (pfl.length - 2) + " elevations");
        }
        return of(pfl[1], Arrays.copyOfRange(pfl, 2, pfl.length));
    }

    /** Number of intervals (points − 1). */
    public int intervals() {
        return elevationsM.length - 1;
    }

    public int points() {
        return elevationsM.length;
    }

    public double spacingM() {
        return spacingM;
    }

    /** Path length, metres. */
    public double distanceM() {
        return spacingM * (elevationsM.length - 1);
    }

    public double elevationM(int i) {
        return elevationsM[i];
    }

    /** A copy of the elevations. */
    public double[] elevationsM() {
        return elevationsM.clone();
    }

    /** Internal zero-copy access for the propagation code in this package. */
    double[] elevationsView() {
        return elevationsM;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TerrainProfile p && p.spacingM == spacingM && Arrays.equals(p.elevationsM, elevationsM);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(spacingM) + Arrays.hashCode(elevationsM);
    }

    @Override
    public String toString() {
        return "TerrainProfile[" + elevationsM.length + " points, spacing " + spacingM + " m]";
    }
}
