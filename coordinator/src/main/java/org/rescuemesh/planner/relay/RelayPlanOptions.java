package org.rescuemesh.planner.relay;

/**
 * Tunables of a relay plan.
 *
 * @param relayProfile         radio profile of the relays to be carried
 * @param relayAntennaHeightM  their antenna height above ground (a mast on a tripod: 3–6 m)
 * @param requiredLinkMarginDb margin both directions of a node/relay link must keep to count
 *                             as a link (fade margin against prediction error)
 * @param maxLinkRangeM        pairs farther apart are not predicted at all (cost cut-off)
 * @param cellSpacingM         spacing of the search-area sample cells
 * @param parallelism          worker threads for the prediction phases
 */
public record RelayPlanOptions(String relayProfile, double relayAntennaHeightM, double requiredLinkMarginDb,
                               double maxLinkRangeM, double cellSpacingM, int parallelism) {

    public RelayPlanOptions {
        if (relayProfile == null || relayProfile.isBlank()) {
            throw new IllegalArgumentException("relay radio profile must not be blank");
        }
        if (!(relayAntennaHeightM >= 0) || Double.isInfinite(relayAntennaHeightM)) {
            throw new IllegalArgumentException("relay antenna height must be >= 0 m, got " + relayAntennaHeightM);
        }
        if (!Double.isFinite(requiredLinkMarginDb)) {
            throw new IllegalArgumentException("required link margin must be finite, got " + requiredLinkMarginDb);
        }
        if (!(maxLinkRangeM > 0)) {
            throw new IllegalArgumentException("maximum link range must be > 0 m, got " + maxLinkRangeM);
        }
        if (!(cellSpacingM > 0) || Double.isInfinite(cellSpacingM)) {
            throw new IllegalArgumentException("cell spacing must be > 0 m, got " + cellSpacingM);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
    }

    /** Defaults: 3 m mast, 0 dB margin, 50 km cut-off, 250 m cells, all processors. */
    public static RelayPlanOptions defaults(String relayProfile) {
        return new RelayPlanOptions(relayProfile, 3.0, 0.0, 50_000, 250, Runtime.getRuntime().availableProcessors());
    }

    public RelayPlanOptions withCellSpacingM(double spacingM) {
        return new RelayPlanOptions(relayProfile, relayAntennaHeightM, requiredLinkMarginDb, maxLinkRangeM, spacingM,
                parallelism);
    }

    public RelayPlanOptions withParallelism(int threads) {
        return new RelayPlanOptions(relayProfile, relayAntennaHeightM, requiredLinkMarginDb, maxLinkRangeM,
                cellSpacingM, threads);
    }
}
