package org.rescuemesh.planner.radio;

/**
 * One ITM prediction with the intermediate values the NTIA reference reports, so a result can be
 * checked stage by stage. Index "tx" is the first terminal (profile start), "rx" the second.
 *
 * @param basicTransmissionLossDb  predicted basic transmission loss, dB (free space + variability-adjusted attenuation)
 * @param freeSpaceLossDb          free-space loss over the path distance, dB
 * @param referenceAttenuationDb   A_ref, median attenuation relative to free space before variability, dB
 * @param mode                     propagation mode of the reference attenuation
 * @param warnings                 {@link ItmWarnings} bits
 * @param distanceM                path distance, m
 * @param deltaHM                  terrain irregularity Δh, m
 * @param surfaceRefractivity      N_s at the path's elevation, N-units
 * @param effectiveHeightTxM       effective tx antenna height, m
 * @param effectiveHeightRxM       effective rx antenna height, m
 * @param horizonDistanceTxM       tx horizon distance, m
 * @param horizonDistanceRxM       rx horizon distance, m
 * @param horizonAngleTxRad        tx horizon elevation angle, rad
 * @param horizonAngleRxRad        rx horizon elevation angle, rad
 */
public record ItmResult(double basicTransmissionLossDb, double freeSpaceLossDb, double referenceAttenuationDb,
                        PropagationMode mode, int warnings, double distanceM, double deltaHM,
                        double surfaceRefractivity,
                        double effectiveHeightTxM, double effectiveHeightRxM,
                        double horizonDistanceTxM, double horizonDistanceRxM,
                        double horizonAngleTxRad, double horizonAngleRxRad) {

    /** True when the model ran outside its fitted ranges (the NTIA return code 1). */
    public boolean hasWarnings() {
        return warnings != ItmWarnings.NONE;
    }
}
