package org.rescuemesh.planner.relay;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.rescuemesh.proto.v1.GeoPosition;

/** Maps relay plans to the {@code rescuemesh.v1.RelayPlan} contract (percent, 1-based ranks). */
public final class RelayPlanMessages {

    private RelayPlanMessages() {
    }

    public static org.rescuemesh.proto.v1.RelayPlan toProto(RelayPlan plan, String planId, Instant computedAt) {
        org.rescuemesh.proto.v1.RelayPlan.Builder message = org.rescuemesh.proto.v1.RelayPlan.newBuilder()
                .setPlanId(planId)
                .setCoveredPctBefore(100.0 * plan.coveredFractionBefore())
                .setComponentsBefore(plan.componentsBefore())
                .setComputedAt(Timestamp.newBuilder().setSeconds(computedAt.getEpochSecond()).setNanos(computedAt.getNano()));
        for (RelayProposal proposal : plan.proposals()) {
            message.addRelays(org.rescuemesh.proto.v1.RelayProposal.newBuilder()
                    .setRank(proposal.rank())
                    .setPosition(GeoPosition.newBuilder()
                            .setLatDeg(proposal.candidate().position().lat())
                            .setLonDeg(proposal.candidate().position().lon())
                            .setSource("planned"))
                    .setAntennaHeightM(proposal.relay().antennaHeightM())
                    .setRadioProfile(proposal.relay().radioProfile())
                    .setReason(proposal.reasonText())
                    .setCoveredPctAfter(100.0 * proposal.coveredFractionAfter())
                    .setComponentsAfter(proposal.componentsAfter()));
        }
        return message.build();
    }
}
