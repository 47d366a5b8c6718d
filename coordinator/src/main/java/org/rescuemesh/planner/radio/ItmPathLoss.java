package org.rescuemesh.planner.radio;

/**
 * ITM point-to-point as a {@link PathLossModel}. Not thread-safe (one per thread), like
 * {@link ItmPointToPoint} which it wraps.
 */
public final class ItmPathLoss implements PathLossModel {
    private final ItmPointToPoint itm;

    public ItmPathLoss(ItmParameters parameters) {
        this.itm = new ItmPointToPoint(parameters);
    }

    @Override
    public double basicLossDb(TerrainProfile profile, double txHeightM, double rxHeightM, double frequencyMhz) {
        return itm.predict(profile, txHeightM, rxHeightM, frequencyMhz).basicTransmissionLossDb();
    }

    @Override
    public String name() {
        return "itm";
    }
}
