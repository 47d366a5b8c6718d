package org.rescuemesh.planner.radio;

/** Free-space loss over the profile's ground distance: 32.45 + 20·log10 f[MHz] + 20·log10 d[km]. */
public final class FreeSpacePathLoss implements PathLossModel {

    @Override
    public double basicLossDb(TerrainProfile profile, double txHeightM, double rxHeightM, double frequencyMhz) {
        PathLossModel.checkLink(profile, txHeightM, rxHeightM, frequencyMhz);
        return lossDb(profile.distanceM(), frequencyMhz);
    }

    /** Free-space loss for a distance in metres (&gt; 0) and a frequency in MHz. */
    public static double lossDb(double distanceM, double frequencyMhz) {
        if (!(distanceM > 0) || Double.isInfinite(distanceM)) {
            throw new IllegalArgumentException("distance must be a positive number of metres, got " + distanceM);
        }
        return 32.45 + 20.0 * Math.log10(frequencyMhz) + 20.0 * Math.log10(distanceM / 1000.0);
    }

    @Override
    public String name() {
        return "fspl";
    }
}
