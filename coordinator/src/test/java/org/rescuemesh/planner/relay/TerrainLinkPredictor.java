package org.rescuemesh.planner.relay;

import java.util.Map;

/**
 * Bench predictor with the cost shape of the real one (a terrain profile sampled every DEM
 * cell along the path, then a per-profile propagation computation): free-space loss plus
 * single knife-edge diffraction (ITU-R P.526 J(ν)) at the profile's worst obstruction, over a
 * 4/3-Earth. It is a stand-in for ITM in benchmarks and tests, not a propagation model.
 */
final class TerrainLinkPredictor implements LinkPredictor {

    /** Tx power dBm, antenna gain dBi, receiver sensitivity dBm, frequency MHz. */
    record Radio(double txPowerDbm, double gainDbi, double sensitivityDbm, double frequencyMhz) {
    }

    private static final double EFFECTIVE_EARTH_RADIUS_M = 4.0 / 3.0 * 6_371_000.0;

    private final SyntheticTerrain terrain;
    private final Map<String, Radio> radios;

    TerrainLinkPredictor(SyntheticTerrain terrain, Map<String, Radio> radios) {
        this.terrain = terrain;
        this.radios = Map.copyOf(radios);
    }

    @Override
    public PredictedLink predict(Site a, Site b) {
        Radio ra = radio(a);
        Radio rb = radio(b);
        double loss = basicLossDb(a, b, (ra.frequencyMhz + rb.frequencyMhz) / 2);
        if (Double.isNaN(loss)) {
            return new PredictedLink(Double.NaN, Double.NaN);
        }
        double forward = ra.txPowerDbm + ra.gainDbi + rb.gainDbi - loss - rb.sensitivityDbm;
        double reverse = rb.txPowerDbm + rb.gainDbi + ra.gainDbi - loss - ra.sensitivityDbm;
        return new PredictedLink(forward, reverse);
    }

    private Radio radio(Site site) {
        Radio radio = radios.get(site.radioProfile());
        if (radio == null) {
            throw new IllegalArgumentException("unknown radio profile " + site.radioProfile());
        }
        return radio;
    }

    private double basicLossDb(Site a, Site b, double frequencyMhz) {
        double x1 = terrain.xM(a.position().lon());
        double y1 = terrain.yM(a.position().lat());
        double x2 = terrain.xM(b.position().lon());
        double y2 = terrain.yM(b.position().lat());
        double d = Math.max(1.0, Math.hypot(x2 - x1, y2 - y1));
        int steps = Math.max(2, (int) Math.ceil(d / terrain.cellM));
        double h1 = terrain.heightAtM(x1, y1);
        double h2 = terrain.heightAtM(x2, y2);
        if (Double.isNaN(h1) || Double.isNaN(h2)) {
            return Double.NaN;
        }
        double z1 = h1 + a.antennaHeightM();
        double z2 = h2 + b.antennaHeightM();
        double lambda = 299.792458 / frequencyMhz;
        double worstNu = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < steps; i++) {
            double t = (double) i / steps;
            double ground = terrain.heightAtM(x1 + t * (x2 - x1), y1 + t * (y2 - y1));
            if (Double.isNaN(ground)) {
                return Double.NaN;
            }
            double s = t * d;
            double bulge = s * (d - s) / (2 * EFFECTIVE_EARTH_RADIUS_M);
            double clearance = ground + bulge - (z1 + t * (z2 - z1));
            double nu = clearance * Math.sqrt(2 * d / (lambda * s * (d - s)));
            worstNu = Math.max(worstNu, nu);
        }
        double freeSpace = 32.45 + 20 * Math.log10(frequencyMhz) + 20 * Math.log10(d / 1000);
        double diffraction = worstNu > -0.78
                ? 6.9 + 20 * Math.log10(Math.sqrt((worstNu - 0.1) * (worstNu - 0.1) + 1) + worstNu - 0.1)
                : 0;
        return freeSpace + diffraction;
    }
}
