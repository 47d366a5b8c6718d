package org.rescuemesh.planner.relay;

import java.util.Objects;

/**
 * A radio at a place: position, antenna height above ground and the name of its radio profile
 * (e.g. "wifi-mesh-2.4", "lora-sf9-868"), which the {@link LinkPredictor} resolves to Tx
 * power, gains, losses and sensitivity.
 */
public record Site(GeoPoint position, double antennaHeightM, String radioProfile) {

    public Site {
        Objects.requireNonNull(position, "site position must not be null");
        if (!(antennaHeightM >= 0) || Double.isInfinite(antennaHeightM)) {
            throw new IllegalArgumentException("antenna height must be a finite number >= 0 m, got " + antennaHeightM);
        }
        if (radioProfile == null || radioProfile.isBlank()) {
            throw new IllegalArgumentException("radio profile must not be blank");
        }
    }
}
