package org.rescuemesh.coordinator.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.UUID;
import java.util.function.Function;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.rescuemesh.coordinator.auth.Scope;
import org.rescuemesh.coordinator.planning.SearchAreas;
import org.rescuemesh.planner.coverage.SearchArea;

/**
 * Search areas over HTTP as GeoJSON: list and read (read scope); create, replace and delete
 * the operators' areas (plan scope). Areas given at start-up are listed but read-only. A
 * polygon that is not valid (self-intersecting, unclosed, outside WGS 84) is refused with 400
 * and the reason.
 */
public final class SearchAreasApi {

    /** A drawn polygon with thousands of vertices fits in far less. */
    private static final long MAX_BODY_BYTES = 1024 * 1024;

    private final SearchAreas areas;

    public SearchAreasApi(SearchAreas areas) {
        this.areas = areas;
    }

    public void mount(Router router, Function<Scope, Handler<RoutingContext>> require) {
        router.get("/api/v1/search-areas").handler(require.apply(Scope.READ)).handler(this::list);
        router.get("/api/v1/search-areas/:id").handler(require.apply(Scope.READ)).handler(this::one);
        router.post("/api/v1/search-areas").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(require.apply(Scope.PLAN)).handler(ctx -> write(ctx, UUID.randomUUID().toString(), 201));
        router.put("/api/v1/search-areas/:id").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(require.apply(Scope.PLAN)).handler(ctx -> write(ctx, ctx.pathParam("id"), 200));
        router.delete("/api/v1/search-areas/:id").handler(require.apply(Scope.PLAN)).handler(this::delete);
    }

    private void list(RoutingContext ctx) {
        ctx.vertx().executeBlocking(areas::all, false).onSuccess(all -> {
            JsonArray features = new JsonArray();
            all.forEach(e -> features.add(feature(e)));
            json(ctx, 200, new JsonObject().put("type", "FeatureCollection").put("features", features));
        }).onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ctx.vertx().executeBlocking(() -> areas.get(id), false).onSuccess(found -> found.ifPresentOrElse(
                e -> json(ctx, 200, feature(e)),
                () -> Errors.send(ctx, 404, "not_found", "no search area '" + id + "'"))).onFailure(ctx::fail);
    }

    private void write(RoutingContext ctx, String id, int status) {
        SearchArea area;
        try {
            area = areas.parse(id, ctx.body() == null ? null : ctx.body().asString());
        } catch (IllegalArgumentException e) {
            Errors.send(ctx, 400, "invalid_search_area", e.getMessage());
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            areas.put(area).toCompletableFuture().join();
            return areas.get(id).orElseThrow();
        }, false).onSuccess(stored -> {
            ctx.response().putHeader("location", "/api/v1/search-areas/" + id);
            json(ctx, status, feature(stored));
        }).onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ctx.vertx().executeBlocking(() -> {
            if (areas.get(id).isEmpty()) {
                return false;
            }
            areas.delete(id).toCompletableFuture().join();
            return true;
        }, false).onSuccess(deleted -> {
            if (deleted) {
                ctx.response().setStatusCode(204).end();
            } else {
                Errors.send(ctx, 404, "not_found", "no search area '" + id + "'");
            }
        }).onFailure(e -> {
            if (e instanceof IllegalArgumentException) {
                Errors.send(ctx, 400, "bad_request", e.getMessage());
            } else {
                ctx.fail(e);
            }
        });
    }

    private static JsonObject feature(SearchAreas.Entry e) {
        GeoJsonWriter writer = new GeoJsonWriter();
        writer.setEncodeCRS(false);
        JsonObject properties = new JsonObject().put("id", e.area().id()).put("name", e.area().name())
                .put("areaM2", e.area().areaM2()).put("source", e.builtIn() ? "start-up" : "operator");
        if (e.updatedAt() != null) {
            properties.put("updatedAt", e.updatedAt().toString());
        }
        return new JsonObject().put("type", "Feature").put("id", e.area().id())
                .put("geometry", new JsonObject(writer.write(e.area().polygon()))).put("properties", properties);
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
