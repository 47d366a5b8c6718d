package org.rescuemesh.coordinator.planning;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rescuemesh.planner.propagation.DemHeightFunction;
import org.rescuemesh.planner.propagation.ItmLinkPredictor;
import org.rescuemesh.planner.radio.ItmParameters;
import org.rescuemesh.planner.relay.Cancellation;
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
 * Relay plans computed in the background, one at a time, with progress and cancellation. The
 * planner's work never runs on an event loop or on Vert.x's worker pool, so a long plan cannot
 * starve the API; the last {@value #KEEP} jobs are kept for their results.
 */
public final class RelayPlanJobs implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RelayPlanJobs.class.getName());
    static final int KEEP = 20;
    private static final int CANDIDATES = 200;
    private static final double CANDIDATE_RADIUS_M = 30_000;
    private static final double CELL_M = 250;

    /** One planning request and where it stands. */
    public static final class Job {
        final String id = UUID.randomUUID().toString();
        final Instant submittedAt = Instant.now();
        final Cancellation cancellation = Cancellation.create();
        final int k;
        final String radio;
        volatile String state = "queued";
        volatile String phase = "";
        volatile long done;
        volatile long total;
        volatile String planJson;
        volatile String error;

        Job(int k, String radio) {
            this.k = k;
            this.radio = radio;
        }

        public String id() {
            return id;
        }

        public JsonObject toJson() {
            JsonObject o = new JsonObject().put("id", id).put("state", state).put("k", k).put("radioProfile", radio)
                    .put("submittedAt", submittedAt.toString())
                    .put("progress", new JsonObject().put("phase", phase).put("done", done).put("total", total));
            if (planJson != null) {
                o.put("plan", new JsonObject(planJson));
            }
            if (error != null) {
                o.put("error", error);
            }
            return o;
        }
    }

    private final PlanningContext context;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "relay-planner");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    public RelayPlanJobs(PlanningContext context) {
        this.context = context;
    }

    /**
     * Queues a plan for the given current nodes.
     *
     * @throws IllegalArgumentException when k or the radio profile is unusable
     */
    public synchronized Job submit(List<MeshNode> nodes, int k, String radio, double relayHeightM) {
        if (k < 1 || k > 20) {
            throw new IllegalArgumentException("k must be 1..20 relays, got " + k);
        }
        RelayPlanOptions options = new RelayPlanOptions(radio, relayHeightM, 0, 50_000, CELL_M,
                Runtime.getRuntime().availableProcessors());
        Job job = new Job(k, radio);
        jobs.put(job.id, job);
        while (jobs.size() > KEEP) {
            jobs.remove(jobs.keySet().iterator().next());
        }
        executor.execute(() -> run(job, List.copyOf(nodes), options));
        return job;
    }

    private void run(Job job, List<MeshNode> nodes, RelayPlanOptions options) {
        if (job.cancellation.isCancelled()) {
            job.state = "cancelled";
            return;
        }
        job.state = "running";
        try {
            ItmLinkPredictor links = new ItmLinkPredictor(context.dem(), ItmParameters.defaults());
            List<CandidateSite> sites = CandidateSites.peaksAndRidges(new DemHeightFunction(context.dem()),
                    context.commandPost(), CANDIDATE_RADIUS_M, 100, CANDIDATES, 1000);
            MeshNode cp = new MeshNode("command-post",
                    new Site(context.commandPost(), context.commandPostHeightM(), job.radio));
            RelayPlanner planner = new RelayPlanner(links,
                    new PointwiseCellCoverage(links, job.radio, 1.5, 0, 30_000), options);
            RelayPlan plan = planner.plan(new RelayPlanRequest(cp, nodes, context.searchAreas(), sites, job.k, List.of()),
                    (PlanPhase phase, long done, long total) -> {
                        job.phase = phase.name().toLowerCase();
                        job.done = done;
                        job.total = total;
                    }, job.cancellation);
            job.planJson = JsonFormat.printer().print(RelayPlanMessages.toProto(plan, job.id, Instant.now()));
            job.state = "done";
        } catch (RuntimeException | InvalidProtocolBufferException e) {
            if (job.cancellation.isCancelled()) {
                job.state = "cancelled";
                return;
            }
            LOG.log(Level.WARNING, "relay plan " + job.id + " failed", e);
            job.error = e.getMessage();
            job.state = "failed";
        }
    }

    public synchronized Optional<Job> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public synchronized List<Job> all() {
        return new ArrayList<>(jobs.values());
    }

    /** Cancels a queued or running plan; true when the job exists. */
    public synchronized boolean cancel(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            return false;
        }
        job.cancellation.cancel();
        if ("queued".equals(job.state)) {
            job.state = "cancelled";
        }
        return true;
    }

    public PlanningContext context() {
        return context;
    }

    @Override
    public void close() {
        synchronized (this) {
            jobs.values().forEach(j -> j.cancellation.cancel());
        }
        executor.shutdownNow();
    }
}
