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
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.rescuemesh.coordinator.auth.Scope;
import org.rescuemesh.coordinator.picture.PictureStore;
import org.rescuemesh.coordinator.planning.PlanningContext;
import org.rescuemesh.coordinator.planning.RelayPlanJobs;
import org.rescuemesh.planner.coverage.SearchArea;
import org.rescuemesh.planner.radio.RadioCatalogue;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.relay.MeshNode;
import org.rescuemesh.planner.relay.Site;
import org.rescuemesh.planner.terrain.ShadedRelief;
import org.rescuemesh.proto.v1.NodeKind;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.NodeStatus;

/**
 * Planning over HTTP: the terrain picture, the search areas, and relay plans run in the
 * background ({@code POST} answers 202 with a job; {@code GET} reports progress and the plan;
 * {@code DELETE} cancels).
 */
public final class PlannerApi {

    private static final int RELIEF_WIDTH_PX = 1024;
    /** Searchers carry their radios about this high above the ground. */
    private static final double HANDHELD_HEIGHT_M = 1.5;

    private final PictureStore store;
    private final RelayPlanJobs jobs;
    private final PlanningContext context;
    private final Envelope reliefBox;
    private volatile Buffer relief;

    public PlannerApi(PictureStore store, RelayPlanJobs jobs) {
        this.store = store;
        this.jobs = jobs;
        this.context = jobs.context();
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
        router.get("/api/v1/search-areas").handler(require.apply(Scope.READ)).handler(this::searchAreas);
        router.post("/api/v1/plans/relays").handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
                .handler(require.apply(Scope.PLAN)).handler(this::submit);
        router.get("/api/v1/plans/relays").handler(require.apply(Scope.READ)).handler(this::list);
        router.get("/api/v1/plans/relays/:id").handler(require.apply(Scope.READ)).handler(this::job);
        router.delete("/api/v1/plans/relays/:id").handler(require.apply(Scope.PLAN)).handler(this::cancel);
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

    private void searchAreas(RoutingContext ctx) {
        GeoJsonWriter writer = new GeoJsonWriter();
        writer.setEncodeCRS(false);
        JsonArray features = new JsonArray();
        for (SearchArea a : context.searchAreas()) {
            features.add(new JsonObject().put("type", "Feature")
                    .put("geometry", new JsonObject(writer.write(a.polygon())))
                    .put("properties", new JsonObject().put("id", a.id()).put("name", a.name()).put("areaM2", a.areaM2())));
        }
        json(ctx, 200, new JsonObject().put("type", "FeatureCollection").put("features", features));
    }

    private void submit(RoutingContext ctx) {
        JsonObject body;
        try {
            String text = ctx.body() == null ? null : ctx.body().asString();
            body = text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
        } catch (DecodeException e) {
            Errors.send(ctx, 400, "malformed_body", "body must be a JSON object: " + e.getMessage());
            return;
        }
        int k;
        double relayHeight;
        String radio;
        try {
            k = body.getInteger("k", 3);
            relayHeight = body.getDouble("relayHeightM", 3.0);
            radio = body.getString("radioProfile", context.defaultRadio());
        } catch (ClassCastException e) {
            Errors.send(ctx, 400, "bad_request", "k must be an integer, relayHeightM a number, radioProfile a string");
            return;
        }
        try {
            RadioCatalogue.byName(radio);
            if (!(relayHeight >= 0.5 && relayHeight <= 100)) {
                throw new IllegalArgumentException("relayHeightM must be 0.5..100 m, got " + relayHeight);
            }
        } catch (IllegalArgumentException e) {
            Errors.send(ctx, 400, "bad_request", e.getMessage());
            return;
        }
        ctx.vertx().executeBlocking(() -> currentNodes(radio), false).onSuccess(nodes -> {
            try {
                RelayPlanJobs.Job job = jobs.submit(nodes, k, radio, relayHeight);
                ctx.response().putHeader("location", "/api/v1/plans/relays/" + job.id());
                json(ctx, 202, job.toJson());
            } catch (IllegalArgumentException e) {
                Errors.send(ctx, 400, "bad_request", e.getMessage());
            }
        }).onFailure(ctx::fail);
    }

    /** Field agents the picture shows alive (or merely suspect) with a position. */
    private List<MeshNode> currentNodes(String defaultRadio) {
        List<MeshNode> out = new ArrayList<>();
        for (NodeState s : store.all()) {
            boolean live = s.getStatus() == NodeStatus.NODE_STATUS_ALIVE || s.getStatus() == NodeStatus.NODE_STATUS_SUSPECT;
            if (s.getKind() != NodeKind.NODE_KIND_AGENT || !live || !s.hasPosition()) {
                continue;
            }
            String radio = known(s.getRadioProfile()) ? s.getRadioProfile() : defaultRadio;
            out.add(new MeshNode(s.getNodeId(), new Site(new GeoPoint(s.getPosition().getLatDeg(), s.getPosition().getLonDeg()),
                    HANDHELD_HEIGHT_M, radio)));
        }
        return out;
    }

    private static boolean known(String radio) {
        try {
            RadioCatalogue.byName(radio);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void list(RoutingContext ctx) {
        JsonArray arr = new JsonArray();
        jobs.all().forEach(j -> arr.add(j.toJson()));
        ctx.response().putHeader("content-type", "application/json").end(arr.encode());
    }

    private void job(RoutingContext ctx) {
        jobs.get(ctx.pathParam("id")).ifPresentOrElse(j -> json(ctx, 200, j.toJson()),
                () -> Errors.send(ctx, 404, "not_found", "no relay plan '" + ctx.pathParam("id") + "'"));
    }

    private void cancel(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (jobs.cancel(id)) {
            json(ctx, 200, jobs.get(id).map(RelayPlanJobs.Job::toJson).orElse(new JsonObject().put("id", id)));
        } else {
            Errors.send(ctx, 404, "not_found", "no relay plan '" + id + "'");
        }
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
