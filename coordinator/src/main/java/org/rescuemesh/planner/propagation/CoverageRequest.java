package org.rescuemesh.planner.propagation;

import org.rescuemesh.planner.radio.ItmParameters;

/**
 * One transmitter's coverage question: where it is, its antenna and power, the receiver height
 * and how far to look. Validated on construction with messages naming the offending input.
 *
 * @param lat          transmitter latitude, WGS 84 degrees
 * @param lon          transmitter longitude, WGS 84 degrees
 * @param txHeightM    transmit antenna height above ground, metres
 * @param rxHeightM    receive antenna height above ground (every cell), metres
 * @param frequencyMhz carrier frequency, 20–20,000 MHz
 * @param erpW         effective radiated power referred to a half-wave dipole, watts
 * @param radiusM      cells whose centre is farther than this from the transmitter are not computed
 * @param model        path-loss model
 * @param itm          ITM parameters (climate, ground, refractivity, variability); used by {@link CoverageModel#ITM}
 */
public record CoverageRequest(double lat, double lon, double txHeightM, double rxHeightM, double frequencyMhz,
                              double erpW, double radiusM, CoverageModel model, ItmParameters itm) {

    /** ITM's terminal height range (it is the model's fitted range; the CLI applies it to both models). */
    static final double MIN_HEIGHT_M = 0.5;
    static final double MAX_HEIGHT_M = 3000.0;

    public CoverageRequest {
        if (!(lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("latitude must be within -90..90 degrees, got " + lat);
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("longitude must be within -180..180 degrees, got " + lon);
        }
        checkHeight("tx height", txHeightM);
        checkHeight("rx height", rxHeightM);
        if (!(frequencyMhz >= 20 && frequencyMhz <= 20_000)) {
            throw new IllegalArgumentException("frequency must be within 20..20000 MHz, got " + frequencyMhz + " MHz");
        }
        if (!(erpW > 0) || Double.isInfinite(erpW)) {
            throw new IllegalArgumentException("ERP must be a positive number of watts, got " + erpW);
        }
        if (!(radiusM > 0) || Double.isInfinite(radiusM)) {
            throw new IllegalArgumentException("radius must be a positive distance, got " + radiusM + " m");
        }
        if (model == null) {
            throw new IllegalArgumentException("path-loss model is required");
        }
        if (itm == null) {
            throw new IllegalArgumentException("ITM parameters are required");
        }
    }

    private static void checkHeight(String what, double h) {
        if (Double.isNaN(h) || h < 0) {
            throw new IllegalArgumentException(what + " must be a non-negative number of metres, got " + h);
        }
        if (!(h >= MIN_HEIGHT_M && h <= MAX_HEIGHT_M)) {
            throw new IllegalArgumentException(what + " must be within 0.5..3000 m above ground (ITM's range), got " + h + " m");
        }
    }
}
