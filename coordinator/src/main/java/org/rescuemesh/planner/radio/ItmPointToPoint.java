package org.rescuemesh.planner.radio;

/**
 * ITM (Longley-Rice) point-to-point mode over a terrain profile. One instance per thread: it keeps
 * scratch buffers so that repeated calls (one per raster cell) do not allocate arrays.
 *
 * <pre>
 *   ItmPointToPoint itm = new ItmPointToPoint(ItmParameters.defaults());
 *   ItmResult r = itm.predict(profile, 10, 2, 446);
 *   double dB = itm.basicLossDb(30.0, elevations, n, 10, 2, 446);   // zero-copy, raster inner loop
 * </pre>
 */
public final class ItmPointToPoint {
    private final ItmParameters parameters;
    private final double zt;
    private final double zl;
    private final double zs;
    private final ProfileAnalysis analysis = new ProfileAnalysis();
    private final double[] variability = new double[2];
    /** The constants of the last frequency asked for (a raster asks for one frequency throughout). */
    private FrequencyConstants frequency;
    // the stages' values of the last evaluation, for predict's result
    private PropagationConstants constants;
    private PathGeometry geometry;
    private ReferenceAttenuation reference;
    private double freeSpaceDb;
    private int warnings;

    public ItmPointToPoint(ItmParameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("ITM parameters are required");
        }
        this.parameters = parameters;
        this.zt = Variability.inverseComplementaryNormal(parameters.timePct() / 100.0);
        this.zl = Variability.inverseComplementaryNormal(parameters.locationPct() / 100.0);
        this.zs = Variability.inverseComplementaryNormal(parameters.situationPct() / 100.0);
    }

    public ItmParameters parameters() {
        return parameters;
    }

    /** Full prediction with intermediate values. */
    public ItmResult predict(TerrainProfile profile, double txHeightM, double rxHeightM, double frequencyMhz) {
        if (profile == null) {
            throw new IllegalArgumentException("terrain profile is required");
        }
        double[] z = profile.elevationsView();
        return predict(profile.spacingM(), z, z.length, txHeightM, rxHeightM, frequencyMhz);
    }

    /**
     * Full prediction over the first {@code points} entries of {@code elevationsM} (not copied, not
     * modified), spaced {@code spacingM} apart from transmitter to receiver.
     */
    public ItmResult predict(double spacingM, double[] elevationsM, int points,
                             double txHeightM, double rxHeightM, double frequencyMhz) {
        double loss = evaluate(spacingM, elevationsM, points, txHeightM, rxHeightM, frequencyMhz);
        PathGeometry g = geometry;
        ReferenceAttenuation ref = reference;
        return new ItmResult(loss, freeSpaceDb, ref.attenuationDb(), ref.mode(), warnings,
                g.distanceM(), g.deltaH(), constants.ns(), g.he0(), g.he1(), g.dl0(), g.dl1(), g.the0(), g.the1());
    }

    /**
     * Basic transmission loss only, dB;
     * same computation as {@link #predict(double, double[], int, double, double, double)}, without
     * building its result (a raster calls this once per cell).
     */
    public double basicLossDb(double spacingM, double[] elevationsM, int points,
                              double txHeightM, double rxHeightM, double frequencyMhz) {
        return evaluate(spacingM, elevationsM, points, txHeightM, rxHeightM, frequencyMhz);
    }

    /** The prediction: returns the basic transmission loss and leaves the stages' values in the fields below. */
    private double evaluate(double spacingM, double[] elevationsM, int points,
                            double txHeightM, double rxHeightM, double frequencyMhz) {
        int inputWarnings = ItmInputs.check(txHeightM, rxHeightM, frequencyMhz);
        checkProfile(spacingM, elevationsM, points);
        int np = points - 1;
        FrequencyConstants f = frequency;
        if (f == null || f.frequencyMhz() != frequencyMhz) {
            f = FrequencyConstants.of(frequencyMhz, parameters.polarization(), parameters.epsilon(), parameters.sigma());
            frequency = f;
        }
        PropagationConstants c = PropagationConstants.prepare(f, systemElevation(elevationsM, np), parameters.n0());
        PathGeometry g = analysis.analyse(elevationsM, np, spacingM, txHeightM, rxHeightM, c.gammaE());
        ReferenceAttenuation ref = ReferenceAttenuation.compute(g, c, g.distanceM(), true);
        Variability.apply(ref.attenuationDb(), g.he0(), g.he1(), g.deltaH(), f, g.distanceM(),
                parameters.climate(), parameters.mdvar(), zt, zl, zs, variability);
        double fs = ItmInputs.freeSpaceLossDb(g.distanceM(), f);
        double loss = fs + variability[0];
        ItmInputs.checkEvaluated(loss, g);
        constants = c;
        geometry = g;
        reference = ref;
        freeSpaceDb = fs;
        warnings = inputWarnings | ref.warnings() | (int) variability[1];
        return loss;
    }

    private static void checkProfile(double spacingM, double[] z, int points) {
        if (z == null) {
            throw new IllegalArgumentException("terrain elevations are required");
        }
        if (points < 2 || points > z.length) {
            throw new IllegalArgumentException("terrain profile needs 2.." + z.length + " points, got " + points);
        }
        if (!(spacingM > 0) || Double.isInfinite(spacingM)) {
            throw new IllegalArgumentException("terrain profile spacing must be a positive number of metres, got " + spacingM);
        }
    }

    /** Mean elevation of the middle 80 % of the profile, where N_s is taken. */
    private static double systemElevation(double[] z, int np) {
        int p10 = (int) (0.1 * np);
        double sum = 0.0;
        for (int i = p10; i <= np - p10; i++) {
            sum += z[i];
        }
        return sum / (np - 2 * p10 + 1);
    }
}
