package org.rescuemesh.planner.radio;

/**
 * ITM radio climates with the coefficients of their variability curves (ERL 79-ITS 67, Table 5.1 as
 * tabulated in Hufford's "The ITM algorithm"). The curve parameters are per climate; the fm/fp factors
 * scale the time variability with frequency.
 */
public enum Climate {
    EQUATORIAL(1, -9.67, 12.7, 144.9e3, 190.3e3, 133.8e3,
            2.13, 159.5, 762.2e3, 123.6e3, 94.5e3,
            2.11, 102.3, 636.9e3, 134.8e3, 95.6e3,
            1.224, 1.282, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
    CONTINENTAL_SUBTROPICAL(2, -0.62, 9.19, 228.9e3, 205.2e3, 143.6e3,
            2.66, 7.67, 100.4e3, 172.5e3, 136.4e3,
            6.87, 15.53, 138.7e3, 143.7e3, 98.6e3,
            0.801, 2.161, 1.0, 0.0, 0.0, 0.93, 0.31, 2.00),
    MARITIME_SUBTROPICAL(3, 1.26, 15.5, 262.6e3, 185.2e3, 99.8e3,
            6.11, 6.65, 138.2e3, 242.2e3, 178.6e3,
            10.08, 9.60, 165.3e3, 225.7e3, 129.7e3,
            1.380, 1.282, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
    DESERT(4, -9.21, 9.05, 84.1e3, 101.1e3, 98.6e3,
            1.98, 13.11, 139.1e3, 132.7e3, 193.5e3,
            3.68, 159.3, 464.4e3, 93.1e3, 94.2e3,
            1.000, 20.0, 1.0, 0.0, 0.0, 0.93, 0.19, 1.79),
    CONTINENTAL_TEMPERATE(5, -0.62, 9.19, 228.9e3, 205.2e3, 143.6e3,
            2.68, 7.16, 93.7e3, 186.8e3, 133.5e3,
            4.75, 8.12, 93.2e3, 135.9e3, 113.4e3,
            1.224, 1.282, 0.92, 0.25, 1.77, 0.93, 0.31, 2.00),
    MARITIME_TEMPERATE_OVER_LAND(6, -0.39, 2.86, 141.7e3, 315.9e3, 167.4e3,
            6.86, 10.38, 187.8e3, 169.6e3, 108.9e3,
            8.58, 13.97, 216.0e3, 152.0e3, 122.7e3,
            1.518, 1.282, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
    MARITIME_TEMPERATE_OVER_SEA(7, 3.15, 857.9, 2222.0e3, 164.8e3, 116.3e3,
            8.51, 169.8, 609.8e3, 119.9e3, 106.6e3,
            8.43, 8.19, 136.2e3, 188.5e3, 122.9e3,
            1.518, 1.282, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0);

    private final int code;
    // median (V_med) curve
    final double cv1, cv2, yv1, yv2, yv3;
    // sigma_T- curve (time variability below the median)
    final double csm1, csm2, ysm1, ysm2, ysm3;
    // sigma_T+ curve (time variability above the median)
    final double csp1, csp2, ysp1, ysp2, ysp3;
    final double csd1, zd;
    final double cfm1, cfm2, cfm3, cfp1, cfp2, cfp3;

    Climate(int code, double cv1, double cv2, double yv1, double yv2, double yv3,
            double csm1, double csm2, double ysm1, double ysm2, double ysm3,
            double csp1, double csp2, double ysp1, double ysp2, double ysp3,
            double csd1, double zd, double cfm1, double cfm2, double cfm3,
            double cfp1, double cfp2, double cfp3) {
        this.code = code;
        this.cv1 = cv1; this.cv2 = cv2; this.yv1 = yv1; this.yv2 = yv2; this.yv3 = yv3;
        this.csm1 = csm1; this.csm2 = csm2; this.ysm1 = ysm1; this.ysm2 = ysm2; this.ysm3 = ysm3;
        this.csp1 = csp1; this.csp2 = csp2; this.ysp1 = ysp1; this.ysp2 = ysp2; this.ysp3 = ysp3;
        this.csd1 = csd1; this.zd = zd;
        this.cfm1 = cfm1; this.cfm2 = cfm2; this.cfm3 = cfm3;
        this.cfp1 = cfp1; this.cfp2 = cfp2; this.cfp3 = cfp3;
    }

    /** The ITM climate code, 1..7. */
    public int code() {
        return code;
    }

    /** Climate for an ITM climate code 1..7. */
    public static Climate ofCode(int code) {
        for (Climate c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("radio climate must be 1..7 (1 equatorial … 7 maritime temperate over sea), got " + code);
    }
}
