package org.rescuemesh.planner.radio;

/**
 * Flat-earth two-ray model: the direct ray plus one ray reflected by the ground midway, with a
 * real reflection coefficient (−1 is grazing incidence on any ground). Antenna heights are taken
 * above the local ground at each end; the terrain between is ignored apart from its length.
 * Far beyond the breakpoint the loss tends to 40·log10 d − 20·log10(h_tx·h_rx).
 */
public final class TwoRayPathLoss implements PathLossModel {
    private static final double SPEED_OF_LIGHT = 299_792_458.0;
    private final double reflectionCoefficient;

    /** Grazing-incidence ground reflection (Γ = −1). */
    public TwoRayPathLoss() {
        this(-1.0);
    }

    public TwoRayPathLoss(double reflectionCoefficient) {
        if (!(reflectionCoefficient >= -1.0 && reflectionCoefficient <= 1.0)) {
            throw new IllegalArgumentException("reflection coefficient must be within -1..1, got " + reflectionCoefficient);
        }
        this.reflectionCoefficient = reflectionCoefficient;
    }

    @Override
    public double basicLossDb(TerrainProfile profile, double txHeightM, double rxHeightM, double frequencyMhz) {
        PathLossModel.checkLink(profile, txHeightM, rxHeightM, frequencyMhz);
        return lossDb(profile.distanceM(), txHeightM, rxHeightM, frequencyMhz);
    }

    /** Two-ray loss for ground distance d and antenna heights above a flat ground. */
    public double lossDb(double distanceM, double txHeightM, double rxHeightM, double frequencyMhz) {
        double direct = Math.hypot(distanceM, txHeightM - rxHeightM);
        double reflected = Math.hypot(distanceM, txHeightM + rxHeightM);
        double k = 2.0 * Math.PI * frequencyMhz * 1e6 / SPEED_OF_LIGHT;
        double phase = k * (reflected - direct);
        // field relative to free space over the direct path: 1 + Γ (r1/r2) e^{-jkΔ}
        double a = reflectionCoefficient * direct / reflected;
        double re = 1.0 + a * Math.cos(phase);
        double im = -a * Math.sin(phase);
        return FreeSpacePathLoss.lossDb(direct, frequencyMhz) - 10.0 * Math.log10(re * re + im * im);
    }

    @Override
    public String name() {
        return "two-ray";
    }
}
