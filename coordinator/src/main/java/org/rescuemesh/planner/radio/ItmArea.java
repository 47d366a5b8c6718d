package org.rescuemesh.planner.radio;

/**
 * ITM (Longley-Rice) area mode: prediction from distance and terrain irregularity Δh alone, with
 * horizons and effective heights estimated from the siting criteria.
 */
public final class ItmArea {
    private ItmArea() {
    }

    /**
     * @param txHeightM   tx structural antenna height, m (0.5–3,000)
     * @param rxHeightM   rx structural antenna height, m (0.5–3,000)
     * @param txSiting    how carefully the tx site was chosen
     * @param rxSiting    how carefully the rx site was chosen
     * @param distanceKm  path distance, km (&gt; 0)
     * @param deltaHM     terrain irregularity, m (≥ 0)
     * @param frequencyMhz 20–20,000 MHz
     */
    public static ItmResult predict(double txHeightM, double rxHeightM, SiteCriteria txSiting, SiteCriteria rxSiting,
                                    double distanceKm, double deltaHM, double frequencyMhz, ItmParameters p) {
        if (p == null || txSiting == null || rxSiting == null) {
            throw new IllegalArgumentException("ITM parameters and siting criteria are required");
        }
        int inputWarnings = ItmInputs.check(txHeightM, rxHeightM, frequencyMhz);
        if (!(distanceKm > 0) || Double.isInfinite(distanceKm)) {
            throw new IllegalArgumentException("path distance must be a positive number of km, got " + distanceKm);
        }
        if (!(deltaHM >= 0) || Double.isInfinite(deltaHM)) {
            throw new IllegalArgumentException("terrain irregularity delta_h must be >= 0 m, got " + deltaHM);
        }
        double dist = distanceKm * 1000.0;
        PropagationConstants c = PropagationConstants.prepare(frequencyMhz, 0.0, p.n0(), p.polarization(),
                p.epsilon(), p.sigma());
        PathGeometry g = AreaGeometry.estimate(txHeightM, rxHeightM, txSiting, rxSiting, deltaHM, dist, c.gammaE());
        ReferenceAttenuation ref = ReferenceAttenuation.compute(g, c, dist, false);
        double[] v = new double[2];
        Variability.apply(ref.attenuationDb(), g.he0(), g.he1(), deltaHM, c.frequency(), dist, p.climate(), p.mdvar(),
                Variability.inverseComplementaryNormal(p.timePct() / 100.0),
                Variability.inverseComplementaryNormal(p.locationPct() / 100.0),
                Variability.inverseComplementaryNormal(p.situationPct() / 100.0), v);
        double fs = ItmInputs.freeSpaceLossDb(dist, frequencyMhz);
        int warnings = inputWarnings | ref.warnings() | (int) v[1];
        ItmInputs.checkEvaluated(fs + v[0], g);
        return new ItmResult(fs + v[0], fs, ref.attenuationDb(), ref.mode(), warnings, dist, deltaHM, c.ns(),
                g.he0(), g.he1(), g.dl0(), g.dl1(), g.the0(), g.the1());
    }
}
