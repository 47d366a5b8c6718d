package org.rescuemesh.planner.radio;

/**
 * The part of ITM's "prepare model" step (qlrps) and of the later stages that depends only on the
 * frequency and the ground, not on the path: worked out once per {@link ItmPointToPoint} and
 * frequency instead of once per path (a coverage raster calls ITM for every cell at one frequency;
 * the cube roots and logarithms here were about 3 % of its time). Each value is the expression the
 * stage that uses it would evaluate, so the results are the same to the bit.
 *
 * @param frequencyMhz          frequency, MHz
 * @param waveNumber            k = f / 47.7 MHz, per metre
 * @param zgRe                  real part of the ground impedance
 * @param zgIm                  imaginary part of the ground impedance
 * @param zgAbs                 |Z_g|
 * @param cbrtFrequency         ∛(47.7 k), of the smooth-earth diffraction term
 * @param logScatterFrequency   ln(47.7 k), of the troposcatter line's start
 * @param logVariabilityFrequency ln(0.133 k), of the climate curves' frequency factors
 * @param variabilityDistanceM  ∛(575.7e12 / k), of the effective distance of the variability stage
 * @param freeSpaceTermDb       32.45 + 20 log10 f, of the free-space loss
 */
record FrequencyConstants(double frequencyMhz, double waveNumber, double zgRe, double zgIm, double zgAbs,
                          double cbrtFrequency, double logScatterFrequency, double logVariabilityFrequency,
                          double variabilityDistanceM, double freeSpaceTermDb) {

    static FrequencyConstants of(double fMhz, Polarization pol, double epsilon, double sigma) {
        double wn = fMhz / 47.7;
        // zq = epsilon + j * 376.62 sigma / k ; Z_g = sqrt(zq - 1), divided by zq for vertical polarisation
        double qRe = epsilon;
        double qIm = 18000.0 * sigma / fMhz;
        double mod = Math.sqrt((qRe - 1) * (qRe - 1) + qIm * qIm);
        double zRe;
        double zIm;
        // principal square root of (qRe - 1) + j qIm, as std::sqrt of a complex number
        if (mod == 0) {
            zRe = 0;
            zIm = 0;
        } else if (qRe - 1 >= 0) {
            double t = Math.sqrt(0.5 * (mod + (qRe - 1)));
            zRe = t;
            zIm = qIm / (2 * t);
        } else {
            double t = Math.sqrt(0.5 * (mod - (qRe - 1)));
            zRe = Math.abs(qIm) / (2 * t);
            zIm = Math.copySign(t, qIm);
        }
        if (pol == Polarization.VERTICAL) {
            double den = qRe * qRe + qIm * qIm;
            double re = (zRe * qRe + zIm * qIm) / den;
            double im = (zIm * qRe - zRe * qIm) / den;
            zRe = re;
            zIm = im;
        }
        return new FrequencyConstants(fMhz, wn, zRe, zIm, Math.sqrt(zRe * zRe + zIm * zIm), Math.cbrt(wn * 47.7),
                Math.log(47.7 * wn), Math.log(0.133 * wn), Math.cbrt(575.7e12 / wn),
                32.45 + 20.0 * Math.log10(fMhz));
    }
}
