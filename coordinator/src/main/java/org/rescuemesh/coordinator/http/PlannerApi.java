package org.rescuemesh.coordinator.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.rescuemesh.coordinator.auth.Scope;
import org.rescuemesh.coordinator.picture.PictureStore;
import org.rescuemesh.coordinator.picture.PictureStore.DocumentKind;
import org.rescuemesh.coordinator.planning.PlanningContext;
import org.rescuemesh.coordinator.planning.MeshCoverage;
import org.rescuemesh.coordinator.planning.PlanJob;
import org.rescuemesh.coordinator.planning.PlanJobs;
import org.rescuemesh.coordinator.planning.RelayPlanning;
import org.rescuemesh.coordinator.planning.SearchAreas;
import org.rescuemesh.planner.radio.RadioCatalogue;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.relay.MeshNode;
import org.rescuemesh.planner.relay.Site;
import org.rescuemesh.planner.terrain.ShadedRelief;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * Planning over HTTP: the terrain picture, the search areas, and plans run in the background
 * — relay placement ({@code /plans/relays}) and the mesh's coverage of the search areas with
 * its gaps ({@code /plans/coverage}). {@code POST} answers 202 with a job; {@code GET} reports
 * progress and the result; {@code DELETE} cancels.
 */
public final class PlannerApi {

    private static final int RELIEF_WIDTH_PX = 1024;

    static final String RELAYS = "relays";
    static final String COVERAGE = "coverage";
    private static final double DEFAULT_COVERAGE_CELL_M = 250;
    private static final double DEFAULT_COVERAGE_RANGE_M = 15_000;
    /** GET /plans/{kind} lists this many of the most recent jobs. */
    private static final int LISTED_JOBS = 50;

    private final PictureStore store;
    private final PlanJobs jobs;
    private final PlanningContext context;
    private final SearchAreas areas;
    private final Envelope reliefBox;
    private volatile Buffer relief;

    public PlannerApi(PictureStore store, PlanningContext context, SearchAreas areas, PlanJobs jobs) {
        this.store = store;
        this.jobs = jobs;
        this.context = context;
        this.areas = areas;
        this.reliefBox = reliefBox(context);
    }

    /** The box the relief covers: the search areas with a margin, or around the command post. */
    private static Envelope reliefBox(PlanningContext c) {
        Envelope e = new Envelope();
        c.searchAreas().forEach(a -> e.expandToInclude(a.polygon().getEnvelopeInternal()));
        e.expandToInclude(c.commandPost().lon(), c.commandPost().lat());
        double margin = Math.max(0.01, 0.1 * Math.max(e.getWidth(), e.getHeight()));
        e.expandBy(margin);
        return e;
    }

    /** Adds the planner's routes; {@code require} checks the caller's scope. */
    public void mount(Router router, java.util.function.Function<Scope, Handler<RoutingContext>> require) {
        router.get("/api/v1/terrain").handler(require.apply(Scope.READ)).handler(this::terrain);
        router.get("/api/v1/terrain/relief.png").handler(require.apply(Scope.READ)).handler(this::reliefPng);
        router.post("/api/v1/plans/relays").handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
                .handler(require.apply(Scope.PLAN)).handler(ctx -> submit(ctx, this::relayPlan));
        router.post("/api/v1/plans/coverage").handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
                .handler(require.apply(Scope.PLAN)).handler(ctx -> submit(ctx, this::coverage));
        router.get("/api/v1/plans/:kind").handler(require.apply(Scope.READ)).handler(this::list);
        router.get("/api/v1/plans/:kind/:id").handler(require.apply(Scope.READ)).handler(this::job);
        router.get("/api/v1/plans/:kind/:id/:image").handler(require.apply(Scope.READ)).handler(this::image);
        router.delete("/api/v1/plans/:kind/:id").handler(require.apply(Scope.PLAN)).handler(this::cancel);
    }

    private void terrain(RoutingContext ctx) {
        json(ctx, 200, new JsonObject()
                .put("south", reliefBox.getMinY()).put("west", reliefBox.getMinX())
                .put("north", reliefBox.getMaxY()).put("east", reliefBox.getMaxX())
                .put("crs", context.dem().crs().code())
                .put("commandPost", new JsonObject().put("lat", context.commandPost().lat()).put("lon", context.commandPost().lon()))
                .put("relief", "/api/v1/terrain/relief.png"));
    }

    private void reliefPng(RoutingContext ctx) {
        Buffer cached = relief;
        if (cached != null) {
            png(ctx, cached);
            return;
        }
        ctx.vertx().executeBlocking(() -> Buffer.buffer(ShadedRelief.png(context.dem(), reliefBox.getMinY(),
                        reliefBox.getMinX(), reliefBox.getMaxY(), reliefBox.getMaxX(), RELIEF_WIDTH_PX)), false)
                .onSuccess(b -> {
                    relief = b;
                    png(ctx, b);
                }).onFailure(ctx::fail);
    }

    private static void png(RoutingContext ctx, Buffer b) {
        ctx.response().putHeader("content-type", "image/png").putHeader("cache-control", "max-age=3600").end(b);
    }

    /** Builds a job from a request body and its checked radio profile, or throws IllegalArgumentException. */
    @FunctionalInterface
    private interface JobRequest {
        PlanJob submit(JsonObject body, String radio, List<MeshNode> nodes, PlanningContext context);
    }

    private void submit(RoutingContext ctx, JobRequest request) {
        JsonObject body;
        try {
            String text = ctx.body() == null ? null : ctx.body().asString();
            body = text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
        } catch (DecodeException e) {
            Errors.send(ctx, 400, "malformed_body", "body must be a JSON object: " + e.getMessage());
            return;
        }
        String radio;
        try {
            radio = body.getString("radioProfile", context.defaultRadio());
            RadioCatalogue.byName(radio);
        } catch (ClassCastException | IllegalArgumentException e) {
            Errors.send(ctx, 400, "bad_request", e instanceof ClassCastException ? "radioProfile must be a string" : e.getMessage());
            return;
        }
        // the nodes and the search areas as they are now; the job plans over that snapshot
        ctx.vertx().executeBlocking(() -> new Snapshot(currentNodes(radio), areas.currentContext()), false).onSuccess(now -> {
            try {
                PlanJob job = request.submit(body, radio, now.nodes(), now.context());
                ctx.response().putHeader("location", "/api/v1/plans/" + job.kind() + "/" + job.id());
                json(ctx, 202, job.toJson());
            } catch (IllegalArgumentException e) {
                Errors.send(ctx, 400, "bad_request", e.getMessage());
            }
        }).onFailure(ctx::fail);
    }

    private record Snapshot(List<MeshNode> nodes, PlanningContext context) {
    }

    private PlanJob relayPlan(JsonObject body, String radio, List<MeshNode> nodes, PlanningContext context) {
        Object kValue = body.containsKey("k") ? body.getValue("k") : 3;
        Object heightValue = body.containsKey("relayHeightM") ? body.getValue("relayHeightM") : 3.0;
        if (!(kValue instanceof Integer k) || !(heightValue instanceof Number height)) {
            throw new IllegalArgumentException("k must be an integer, relayHeightM a number");
        }
        double relayHeight = height.doubleValue();
        if (!(relayHeight >= 0.5 && relayHeight <= 100)) {
            throw new IllegalArgumentException("relayHeightM must be 0.5..100 m, got " + relayHeight);
        }
        PlanJob.Work work = RelayPlanning.work(context, nodes, k, radio, relayHeight);
        return jobs.submit(RELAYS, new JsonObject().put("k", k).put("radioProfile", radio), "plan", work);
    }

    private PlanJob coverage(JsonObject body, String radio, List<MeshNode> nodes, PlanningContext context) {
        Object cellValue = body.containsKey("cellM") ? body.getValue("cellM") : DEFAULT_COVERAGE_CELL_M;
        Object rangeValue = body.containsKey("maxRangeM") ? body.getValue("maxRangeM") : DEFAULT_COVERAGE_RANGE_M;
        if (!(cellValue instanceof Number cell) || !(rangeValue instanceof Number range)) {
            throw new IllegalArgumentException("cellM and maxRangeM must be numbers");
        }
        PlanJob.Work work = MeshCoverage.work(context, nodes, radio, cell.doubleValue(), range.doubleValue());
        return jobs.submit(COVERAGE, new JsonObject().put("radioProfile", radio).put("cellM", cell.doubleValue())
                .put("maxRangeM", range.doubleValue()), "coverage", work);
    }

    /** Field agents the picture shows alive (or merely suspect) with a position. */
    private List<MeshNode> currentNodes(String defaultRadio) {
        List<MeshNode> out = new ArrayList<>();
        for (NodeState s : store.all()) {
            boolean live = s.getStatus() == NodeStatus.NODE_STATUS_ALIVE || s.getStatus() == NodeStatus.NODE_STATUS_SUSPECT;
            if (s.getKind() != NodeKind.NODE_KIND_AGENT || !live || !s.hasPosition()) {
                continue;
            }
            String radio = RadioCatalogue.isKnown(s.getRadioProfile()) ? s.getRadioProfile() : defaultRadio;
            out.add(new MeshNode(s.getNodeId(), new Site(new GeoPoint(s.getPosition().getLatDeg(), s.getPosition().getLonDeg()),
                    PlanningContext.HANDHELD_HEIGHT_M, radio)));
        }
        return out;
    }

    private boolean knownKind(RoutingContext ctx) {
        String kind = ctx.pathParam("kind");
        if (RELAYS.equals(kind) || COVERAGE.equals(kind)) {
            return true;
        }
        Errors.send(ctx, 404, "not_found", "no plan kind '" + kind + "' (relays, coverage)");
        return false;
    }

    /** A job of this member, or else one another member (or this one before a restart) stored. */
    private Optional<JsonObject> findJob(String kind, String id, boolean withImages) {
        Optional<PlanJob> local = jobs.get(kind, id);
        if (local.isPresent()) {
            return Optional.of(withImages ? local.get().toDocument() : local.get().toJson());
        }
        return store.document(DocumentKind.PLAN, id).map(JsonObject::new).filter(doc -> kind.equals(doc.getString("kind")))
                .map(doc -> {
                    if (!withImages) {
                        doc.remove("images");
                    }
                    return doc;
                });
    }

    private void list(RoutingContext ctx) {
        if (!knownKind(ctx)) {
            return;
        }
        String kind = ctx.pathParam("kind");
        ctx.vertx().executeBlocking(() -> {
            Map<String, JsonObject> all = new LinkedHashMap<>();
            for (String id : store.documentIds(DocumentKind.PLAN)) {
                findJob(kind, id, false).ifPresent(j -> all.put(id, j));
            }
            jobs.all(kind).forEach(j -> all.put(j.id(), j.toJson()));
            List<JsonObject> sorted = new ArrayList<>(all.values());
            sorted.sort(Comparator.comparing(j -> j.getString("submittedAt", "")));
            return new JsonArray(sorted.subList(Math.max(0, sorted.size() - LISTED_JOBS), sorted.size()));
        }, false).onSuccess(arr -> ctx.response().putHeader("content-type", "application/json").end(arr.encode()))
                .onFailure(ctx::fail);
    }

    private void job(RoutingContext ctx) {
        if (!knownKind(ctx)) {
            return;
        }
        String kind = ctx.pathParam("kind");
        String id = ctx.pathParam("id");
        ctx.vertx().executeBlocking(() -> findJob(kind, id, false), false).onSuccess(found -> found.ifPresentOrElse(
                j -> json(ctx, 200, j),
                () -> Errors.send(ctx, 404, "not_found", "no " + kind + " plan '" + id + "'"))).onFailure(ctx::fail);
    }

    private void image(RoutingContext ctx) {
        if (!knownKind(ctx)) {
            return;
        }
        String kind = ctx.pathParam("kind");
        String id = ctx.pathParam("id");
        String name = ctx.pathParam("image");
        ctx.vertx().executeBlocking(() -> findJob(kind, id, true)
                        .map(j -> j.getJsonObject("images", new JsonObject()).getString(name))
                        .map(b64 -> Base64.getDecoder().decode(b64)), false)
                .onSuccess(png -> png.ifPresentOrElse(b -> ctx.response().putHeader("content-type", "image/png")
                                .putHeader("cache-control", "max-age=3600").end(Buffer.buffer(b)),
                        () -> Errors.send(ctx, 404, "not_found", "no image '" + name + "' for plan '" + id + "'")))
                .onFailure(ctx::fail);
    }

    private void cancel(RoutingContext ctx) {
        if (!knownKind(ctx)) {
            return;
        }
        String kind = ctx.pathParam("kind");
        String id = ctx.pathParam("id");
        if (jobs.cancel(kind, id)) {
            json(ctx, 200, jobs.get(kind, id).map(PlanJob::toJson).orElse(new JsonObject().put("id", id)));
        } else {
            Errors.send(ctx, 404, "not_found", "no " + kind + " plan '" + id + "'");
        }
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
