package org.rescuemesh.coordinator.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.relay.LinkPredictor;
import org.rescuemesh.planner.relay.PredictedLink;
import org.rescuemesh.planner.relay.Site;

class RadioNeighbourhoodTest {

    /** Flat ground, 20 dB of margin at 1 km, 6 dB less per doubling of distance; nothing across the ridge. */
    private static final double RIDGE_LON = 125.05;
    private static final LinkPredictor RIDGE = (a, b) -> {
        boolean across = (a.position().lon() < RIDGE_LON) != (b.position().lon() < RIDGE_LON);
        double km = a.position().distanceM(b.position()) / 1000;
        double margin = across ? -40 : 20 - 20 * Math.log10(km);
        return new PredictedLink(margin, margin + 1);
    };

    private static Site at(double lat, double lon) {
        return new Site(new GeoPoint(lat, lon), 1.5, "uhf-handheld");
    }

    @Test
    void linksCloseWithinRangeAndIslandsFollowTheRidge() {
        Map<String, Site> sites = new LinkedHashMap<>();
        sites.put("cp", at(11.0, 125.0));
        sites.put("a1", at(11.02, 125.0));     // 2.2 km north of cp
        sites.put("a2", at(11.06, 125.0));     // 4.4 km north of a1: relayed via a1
        sites.put("b1", at(11.0, 125.1));      // across the ridge
        sites.put("b2", at(11.01, 125.1));
        RadioNeighbourhood n = RadioNeighbourhood.predict(sites, RIDGE);

        assertThat(n.neighbours("cp")).containsOnlyKeys("a1", "a2");
        assertThat(n.neighbours("a1").get("cp")).isCloseTo(20 - 20 * Math.log10(2.2239), org.assertj.core.api.Assertions.within(0.05));
        assertThat(n.neighbours("b1")).containsOnlyKeys("b2");
        assertThat(n.islands()).isEqualTo(2);
        assertThat(n.connected("cp", "a2")).isTrue();
        assertThat(n.connected("a1", "b2")).isFalse();
        assertThat(n.connected("b1", "b2")).isTrue();

        sites.put("relay", at(11.0, RIDGE_LON));
        RadioNeighbourhood bridged = RadioNeighbourhood.predict(sites, (a, b) -> {
            boolean relay = a.position().lon() == RIDGE_LON || b.position().lon() == RIDGE_LON;
            return relay ? new PredictedLink(3, 3) : RIDGE.predict(a, b);
        });
        assertThat(bridged.islands()).as("a relay on the ridge joins both sides").isEqualTo(1);
        assertThat(bridged.connected("a1", "b2")).isTrue();
        assertThatThrownBy(() -> bridged.neighbours("nobody")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void farApartStationsAreNotEvenPredicted() {
        Map<String, Site> sites = new LinkedHashMap<>();
        sites.put("a", at(11.0, 125.0));
        sites.put("b", at(11.2, 125.0)); // 22 km
        RadioNeighbourhood n = RadioNeighbourhood.predict(sites, (x, y) -> {
            throw new AssertionError("predicted a pair beyond range");
        });
        assertThat(n.islands()).isEqualTo(2);
    }

    @Test
    void weakLinksLoseFramesStrongOnesDoNot() {
        assertThat(RadioNeighbourhood.frameLoss(-1)).isEqualTo(1);
        assertThat(RadioNeighbourhood.frameLoss(Double.NaN)).isEqualTo(1);
        assertThat(RadioNeighbourhood.frameLoss(0)).isEqualTo(0.5);
        assertThat(RadioNeighbourhood.frameLoss(10)).isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(RadioNeighbourhood.frameLoss(3)).isGreaterThan(RadioNeighbourhood.frameLoss(6));
        assertThat(RadioNeighbourhood.frameLoss(20)).isZero();
    }
}
