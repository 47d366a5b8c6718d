package org.rescuemesh.coordinator.planning;

import com.google.protobuf.util.JsonFormat;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.rescuemesh.planner.propagation.DemHeightFunction;
import org.rescuemesh.planner.propagation.ItmLinkPredictor;
import org.rescuemesh.planner.radio.ItmParameters;
import org.rescuemesh.planner.relay.CandidateSite;
import org.rescuemesh.planner.relay.CandidateSites;
import org.rescuemesh.planner.relay.MeshNode;
import org.rescuemesh.planner.relay.PlanPhase;
import org.rescuemesh.planner.relay.PointwiseCellCoverage;
import org.rescuemesh.planner.relay.RelayPlan;
import org.rescuemesh.planner.relay.RelayPlanMessages;
import org.rescuemesh.planner.relay.RelayPlanOptions;
import org.rescuemesh.planner.relay.RelayPlanRequest;
import org.rescuemesh.planner.relay.RelayPlanner;
import org.rescuemesh.planner.relay.Site;

/**
 * A relay plan over the planning context for the current field nodes: candidate sites on peaks
 * and ridges around the command post, ITM links, then the relay planner (reconnect, then cover).
 */
public final class RelayPlanning {

    private static final int CANDIDATES = 200;
    private static final double CANDIDATE_RADIUS_M = 30_000;
    private static final double CELL_M = 250;

    private RelayPlanning() {
    }

    /**
     * The work of one plan.
     *
     * @throws IllegalArgumentException when k is outside 1..20
     */
    public static PlanJob.Work work(PlanningContext context, List<MeshNode> nodes, int k, String radio,
                                    double relayHeightM) {
        if (k < 1 || k > 20) {
            throw new IllegalArgumentException("k must be 1..20 relays, got " + k);
        }
        List<MeshNode> field = List.copyOf(nodes);
        RelayPlanOptions options = new RelayPlanOptions(radio, relayHeightM, 0, 50_000, CELL_M,
                Runtime.getRuntime().availableProcessors());
        return job -> {
            ItmLinkPredictor links = new ItmLinkPredictor(context.dem(), ItmParameters.defaults());
            List<CandidateSite> sites = CandidateSites.peaksAndRidges(new DemHeightFunction(context.dem()),
                    context.commandPost(), CANDIDATE_RADIUS_M, 100, CANDIDATES, 1000);
            MeshNode cp = new MeshNode("command-post", new Site(context.commandPost(), context.commandPostHeightM(), radio));
            RelayPlanner planner = new RelayPlanner(links,
                    new PointwiseCellCoverage(links, radio, PlanningContext.HANDHELD_HEIGHT_M, 0, 30_000), options);
            RelayPlan plan = planner.plan(new RelayPlanRequest(cp, field, context.searchAreas(), sites, k, List.of()),
                    (PlanPhase phase, long done, long total) -> job.progress(phase.name().toLowerCase(), done, total),
                    job.cancellation());
            return new JsonObject(JsonFormat.printer().print(RelayPlanMessages.toProto(plan, job.id(), Instant.now())));
        };
    }
}
