package org.rescuemesh.planner.radio;

/**
 * Free-space loss plus ITU-R P.526 knife-edge diffraction over the terrain profile, with the
 * Deygout construction for up to three edges: the principal edge (largest ν) over the whole path,
 * then the strongest edge on each side of it relative to the line from the terminal to the
 * principal edge's top. Terrain heights are raised by the earth bulge d1·d2/(2·a_e) so the
 * geometry can be treated as flat.
 */
public final class KnifeEdgePathLoss implements PathLossModel {
    private static final double SPEED_OF_LIGHT = 299_792_458.0;
    /** Effective earth radius for standard refraction, k = 4/3. */
    public static final double STANDARD_EARTH_RADIUS_M = 6_371_000.0 * 4.0 / 3.0;
    /** J(ν) is taken as 0 at or below this ν (P.526 validity limit). */
    private static final double NU_MIN = -0.78;

    private final double effectiveEarthRadiusM;

    public KnifeEdgePathLoss() {
        this(STANDARD_EARTH_RADIUS_M);
    }

    /** @param effectiveEarthRadiusM effective earth radius; {@code Double.POSITIVE_INFINITY} for a flat earth */
    public KnifeEdgePathLoss(double effectiveEarthRadiusM) {
        if (!(effectiveEarthRadiusM > 0)) {
            throw new IllegalArgumentException("effective earth radius must be > 0 m, got " + effectiveEarthRadiusM);
        }
        this.effectiveEarthRadiusM = effectiveEarthRadiusM;
    }

    @Override
    public double basicLossDb(TerrainProfile profile, double txHeightM, double rxHeightM, double frequencyMhz) {
        PathLossModel.checkLink(profile, txHeightM, rxHeightM, frequencyMhz);
        return FreeSpacePathLoss.lossDb(profile.distanceM(), frequencyMhz)
                + diffractionLossDb(profile, txHeightM, rxHeightM, frequencyMhz);
    }

    /** Diffraction loss in excess of free space, dB (0 when every edge has ν ≤ −0.78). */
    public double diffractionLossDb(TerrainProfile profile, double txHeightM, double rxHeightM, double frequencyMhz) {
        PathLossModel.checkLink(profile, txHeightM, rxHeightM, frequencyMhz);
        double[] z = profile.elevationsView();
        int last = z.length - 1;
        double spacing = profile.spacingM();
        double lambda = SPEED_OF_LIGHT / (frequencyMhz * 1e6);
        double total = spacing * last;
        // heights of the terrain with the earth bulge, relative to the chord between the ends
        double[] h = new double[z.length];
        for (int i = 0; i <= last; i++) {
            double d1 = i * spacing;
            double bulge = Double.isInfinite(effectiveEarthRadiusM) ? 0.0 : d1 * (total - d1) / (2.0 * effectiveEarthRadiusM);
            h[i] = z[i] + bulge;
        }
        double txTop = z[0] + txHeightM;
        double rxTop = z[last] + rxHeightM;
        int principal = strongestEdge(h, spacing, 0, txTop, last, rxTop, lambda);
        if (principal < 0) {
            return 0.0;
        }
        double nuP = nu(h, spacing, 0, txTop, last, rxTop, principal, lambda);
        double loss = knifeEdgeLossDb(nuP);
        int left = strongestEdge(h, spacing, 0, txTop, principal, h[principal], lambda);
        if (left >= 0) {
            loss += knifeEdgeLossDb(nu(h, spacing, 0, txTop, principal, h[principal], left, lambda));
        }
        int right = strongestEdge(h, spacing, principal, h[principal], last, rxTop, lambda);
        if (right >= 0) {
            loss += knifeEdgeLossDb(nu(h, spacing, principal, h[principal], last, rxTop, right, lambda));
        }
        return loss;
    }

    /** Index of the point with the largest ν strictly between a and b, or −1 if none exceeds ν = −0.78. */
    private static int strongestEdge(double[] h, double spacing, int a, double ha, int b, double hb, double lambda) {
        int best = -1;
        double bestNu = NU_MIN;
        for (int i = a + 1; i < b; i++) {
            double v = nu(h, spacing, a, ha, b, hb, i, lambda);
            if (v > bestNu) {
                bestNu = v;
                best = i;
            }
        }
        return best;
    }

    /** Fresnel-Kirchhoff ν of point i between the line tops (a, ha) and (b, hb). */
    private static double nu(double[] h, double spacing, int a, double ha, int b, double hb, int i, double lambda) {
        double d1 = (i - a) * spacing;
        double d2 = (b - i) * spacing;
        double line = ha + (hb - ha) * d1 / (d1 + d2);
        double clearance = h[i] - line;
        return clearance * Math.sqrt(2.0 / lambda * (1.0 / d1 + 1.0 / d2));
    }

    /** ITU-R P.526 single knife-edge loss J(ν), dB; 0 for ν ≤ −0.78. */
    public static double knifeEdgeLossDb(double nu) {
        if (nu <= NU_MIN) {
            return 0.0;
        }
        double t = nu - 0.1;
        return 6.9 + 20.0 * Math.log10(Math.sqrt(t * t + 1.0) + t);
    }

    @Override
    public String name() {
        return "knife-edge";
    }
}
