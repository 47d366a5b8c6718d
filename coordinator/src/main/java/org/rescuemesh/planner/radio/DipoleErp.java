package org.rescuemesh.planner.radio;

/**
 * Received power from a dipole-referenced ERP, the convention of the {@code coverage} command and
 * of SPLAT!: dBm = 10·log10(ERP_W·1000) + 2.14 − basic transmission loss, at an isotropic receiver
 * (2.14 dB is the gain of a half-wave dipole over an isotropic radiator).
 */
public final class DipoleErp {
    /** Gain of a half-wave dipole over isotropic, dB. */
    public static final double DIPOLE_GAIN_DBI = 2.14;

    private DipoleErp() {
    }

    /** EIRP in dBm of an ERP in watts. */
    public static double eirpDbm(double erpWatts) {
        if (!(erpWatts > 0) || Double.isInfinite(erpWatts)) {
            throw new IllegalArgumentException("ERP must be a positive number of watts, got " + erpWatts);
        }
        return 10.0 * Math.log10(erpWatts * 1000.0) + DIPOLE_GAIN_DBI;
    }

    /** Power at an isotropic receiver, dBm. */
    public static double receivedPowerDbm(double erpWatts, double basicLossDb) {
        return eirpDbm(erpWatts) - basicLossDb;
    }
}
