package org.rescuemesh.planner.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rescuemesh.proto.v1.LinkReport;

class LinkGraphTest {

    @Test
    void measurementWinsOverPredictionAndBothEndsAreAveraged() {
        LinkGraph graph = LinkGraph.fuse(List.of(),
                List.of(new MeasuredLink("a", "b", 1.2), new MeasuredLink("b", "a", 1.6)),
                List.of(new PredictedLinkMargin("a", "b", -20)));

        RouteLink link = graph.link("b", "a");
        assertThat(link.evidence()).isEqualTo(LinkEvidence.MEASURED);
        assertThat(link.etx()).isCloseTo(1.4, within(1e-12));
    }

    @Test
    void linkMeasuredDownStaysDownWhateverThePrediction() {
        LinkGraph graph = LinkGraph.fuse(List.of(),
                List.of(new MeasuredLink("a", "b", Double.POSITIVE_INFINITY)),
                List.of(new PredictedLinkMargin("a", "b", 30)));

        assertThat(graph.link("a", "b")).isNull();
        assertThat(graph.nodeIds()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void unmeasuredPairsUseThePacketSuccessCurve() {
        PacketSuccessCurve curve = PacketSuccessCurve.DEFAULT;
        LinkGraph graph = LinkGraph.fuse(List.of(), List.of(),
                List.of(new PredictedLinkMargin("a", "b", 6), new PredictedLinkMargin("b", "c", -12),
                        new PredictedLinkMargin("c", "d", Double.NaN)), curve, 10);

        RouteLink ab = graph.link("a", "b");
        double p = 1 / (1 + Math.exp(-6 / 3.0));
        assertThat(ab.evidence()).isEqualTo(LinkEvidence.PREDICTED);
        assertThat(ab.etx()).isCloseTo(1 / (p * p), within(1e-12));
        // -12 dB gives p ≈ 0.018, ETX in the thousands: above the ceiling, no link.
        assertThat(graph.link("b", "c")).isNull();
        assertThat(graph.link("c", "d")).isNull();
    }

    @Test
    void curveIsMonotoneAndHalfAtTheMidpoint() {
        PacketSuccessCurve curve = new PacketSuccessCurve(-1, 2);
        assertThat(curve.successProbability(-1)).isEqualTo(0.5);
        assertThat(curve.etx(-1)).isEqualTo(4.0);
        assertThat(curve.etx(10)).isLessThan(curve.etx(0)).isGreaterThanOrEqualTo(1.0);
        assertThatThrownBy(() -> new PacketSuccessCurve(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportWithoutEtxFallsBackToDeliveryRatios() {
        LinkReport report = LinkReport.newBuilder().setPeerId("b").setDeliveryForward(0.8).setDeliveryReverse(0.5).build();
        assertThat(MeasuredLink.fromReport("a", report).etx()).isCloseTo(2.5, within(1e-12));

        LinkReport dead = LinkReport.newBuilder().setPeerId("b").setDeliveryForward(0.9).build();
        assertThat(MeasuredLink.fromReport("a", dead).isDown()).isTrue();

        LinkReport withEtx = LinkReport.newBuilder().setPeerId("b").setEtx(1.25).build();
        assertThat(MeasuredLink.fromReport("a", withEtx).etx()).isEqualTo(1.25);
    }

    @Test
    void badLinksAreRefused() {
        assertThatThrownBy(() -> new MeasuredLink("a", "a", 1)).hasMessageContaining("itself");
        assertThatThrownBy(() -> new MeasuredLink("a", "b", 0.5)).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> new PredictedLinkMargin("a", "b", Double.NEGATIVE_INFINITY))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> LinkGraph.fuse(List.of(), List.of(), List.of(), PacketSuccessCurve.DEFAULT, 0.5))
                .hasMessageContaining("maximum ETX");
    }
}
