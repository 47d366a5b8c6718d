package org.rescuemesh.coordinator.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.vertx.core.Vertx;
import org.rescuemesh.agent.api.MessageRoutes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rescuemesh.agent.api.StateJson;
import org.rescuemesh.coordinator.auth.Principal;
import org.rescuemesh.coordinator.auth.RateLimiter;
import org.rescuemesh.coordinator.auth.Scope;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.ingest.IngestService;
import org.rescuemesh.coordinator.picture.PictureStore;
import org.rescuemesh.proto.v1.AssetPositionBatch;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.NodeState;

/** The coordinator's HTTP surface: REST under /api/v1, the live WebSocket, /metrics, the map UI at /. */
public final class RestApi {

    private static final Logger LOG = Logger.getLogger(RestApi.class.getName());
    private static final String PRINCIPAL = "rescuemesh.principal";
    /** Upper bound of a positions POST body: a full batch of 10,000 in JSON fits with room. */
    private static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    private final PictureStore store;
    private final IngestService ingest;
    private final TokenRegistry tokens;
    private final Supplier<JsonObject> health;
    private final Surface surface;
    private PlannerApi planner;
    private RoutesApi routes;
    private MessageRoutes messages;
    private SearchAreasApi searchAreas;

    /**
     * What the HTTP surface needs besides the picture and ingest.
     *
     * @param live       the WebSocket feed
     * @param staleness  how asset statuses age
     * @param limiter    per-token rate limits
     * @param metrics    Prometheus text exposition of the member's meters
     */
    public record Surface(LiveFeed live, Staleness staleness, RateLimiter limiter, Supplier<String> metrics) {
    }

    public RestApi(PictureStore store, IngestService ingest, TokenRegistry tokens, Supplier<JsonObject> health,
                   Surface surface) {
        this.store = store;
        this.ingest = ingest;
        this.tokens = tokens;
        this.health = health;
        this.surface = surface;
    }

    /** Adds the planning endpoints (only coordinators with terrain have them). */
    public RestApi withPlanner(PlannerApi planner, SearchAreasApi searchAreas) {
        this.planner = planner;
        this.searchAreas = searchAreas;
        return this;
    }

    /** Adds the message-route endpoint. */
    public RestApi withRoutes(RoutesApi routes) {
        this.routes = routes;
        return this;
    }

    /** Adds the command post's store-and-forward messages (the agents' message API behind tokens). */
    public RestApi withMessages(MessageRoutes messages) {
        this.messages = messages;
        return this;
    }

    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/api/v1/health").handler(ctx -> json(ctx, 200, health.get()));
        router.get("/api/v1/openapi.yaml").handler(this::openApi);
        router.route("/api/v1/*").handler(this::authenticate);
        router.route("/metrics").handler(this::authenticate);
        router.get("/api/v1/nodes").handler(require(Scope.READ)).handler(this::nodes);
        router.get("/api/v1/nodes/:id").handler(require(Scope.READ)).handler(this::node);
        router.get("/api/v1/tracks/:id").handler(require(Scope.READ)).handler(this::track);
        router.get("/api/v1/topology").handler(require(Scope.READ)).handler(this::topology);
        router.get("/api/v1/live").handler(require(Scope.READ)).handler(this::live);
        router.get("/metrics").handler(require(Scope.READ)).handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(surface.metrics().get()));
        router.post("/api/v1/positions")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(require(Scope.INGEST))
                .handler(this::positions);
        if (routes != null) {
            routes.mount(router, RestApi::require);
        }
        if (messages != null) {
            // sending to the teams is a dispatcher's act: the plan scope, like placing relays
            router.post("/api/v1/messages").handler(BodyHandler.create(false).setBodyLimit(MessageRoutes.MAX_BODY_BYTES))
                    .handler(require(Scope.PLAN)).handler(messages::post);
            router.get("/api/v1/messages").handler(require(Scope.READ)).handler(messages::list);
            router.get("/api/v1/messages/:id").handler(require(Scope.READ)).handler(messages::get);
        }
        if (planner != null) {
            searchAreas.mount(router, RestApi::require);
            planner.mount(router, RestApi::require);
        }
        router.route("/api/v1/*").handler(ctx -> Errors.send(ctx, 404, "not_found", "no such endpoint: "
                + ctx.request().method() + " " + ctx.request().path()));
        router.route("/vendor/leaflet/*").handler(StaticHandler.create("META-INF/resources/webjars/leaflet/1.9.4/dist"));
        router.route("/*").handler(StaticHandler.create("META-INF/resources/rescuemesh").setIndexPage("index.html"));
        router.route().failureHandler(this::failure);
        return router;
    }

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String query = ctx.request().getParam("token");
        // Browsers cannot set headers on a WebSocket handshake: the live feed also takes ?token=.
        if (header == null && query != null && ctx.request().path().equals("/api/v1/live")) {
            header = "Bearer " + query;
        }
        Optional<Principal> who = tokens.authenticate(header);
        if (who.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"rescuemesh\"");
            Errors.send(ctx, 401, "unauthenticated", "send 'Authorization: Bearer <token>'");
            return;
        }
        if (!surface.limiter().allow(who.get(), 1)) {
            tooMany(ctx);
            return;
        }
        ctx.put(PRINCIPAL, who.get());
        ctx.next();
    }

    private static void tooMany(RoutingContext ctx) {
        ctx.response().putHeader("Retry-After", "1");
        Errors.send(ctx, 429, "rate_limited", "this token's rate limit is exhausted; slow down and retry");
    }

    private void openApi(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> {
            try (var in = RestApi.class.getResourceAsStream("/org/rescuemesh/coordinator/openapi.yaml")) {
                return in == null ? null : io.vertx.core.buffer.Buffer.buffer(in.readAllBytes());
            }
        }, false).onSuccess(b -> {
            if (b == null) {
                Errors.send(ctx, 404, "not_found", "openapi.yaml is not packaged");
            } else {
                ctx.response().putHeader("content-type", "application/yaml").end(b);
            }
        }).onFailure(ctx::fail);
    }

    private void track(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ctx.vertx().executeBlocking(() -> store.get(id).isEmpty() ? null : store.track(id), false).onSuccess(points -> {
            if (points == null) {
                Errors.send(ctx, 404, "not_found", "no node '" + id + "'");
                return;
            }
            JsonArray arr = new JsonArray();
            for (GeoPosition p : points) {
                arr.add(new JsonObject().put("lat", p.getLatDeg()).put("lon", p.getLonDeg())
                        .put("altM", p.getAltKnown() ? p.getAltM() : null).put("accuracyM", p.getAccuracyM())
                        .put("speedMps", p.getSpeedMps()).put("headingDeg", p.getHeadingDeg())
                        .put("observedAt", StateJson.iso(p.getObservedAt())).put("source", p.getSource()));
            }
            json(ctx, 200, new JsonObject().put("id", id).put("count", arr.size()).put("positions", arr));
        }).onFailure(ctx::fail);
    }

    private void topology(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> TopologyGeoJson.render(store.all(), surface.staleness(),
                System.currentTimeMillis()), false)
                .onSuccess(body -> ctx.response().putHeader("content-type", "application/geo+json").end(body.encode()))
                .onFailure(ctx::fail);
    }

    private void live(RoutingContext ctx) {
        Long since;
        try {
            String s = ctx.request().getParam("since");
            since = s == null ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            Errors.send(ctx, 400, "bad_since", "since must be the integer sequence of the last delta received");
            return;
        }
        String stream = ctx.request().getParam("stream");
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader("upgrade"))) {
            Errors.send(ctx, 426, "upgrade_required", "/api/v1/live is a WebSocket");
            return;
        }
        ctx.request().toWebSocket().onSuccess(ws -> surface.live().attach(ws, since, stream))
                .onFailure(e -> LOG.fine("live handshake failed: " + e.getMessage()));
    }

    private static io.vertx.core.Handler<RoutingContext> require(Scope scope) {
        return ctx -> {
            Principal p = ctx.get(PRINCIPAL);
            if (p == null || !p.may(scope)) {
                Errors.send(ctx, 403, "forbidden", "this token lacks the '" + scope.name().toLowerCase() + "' scope");
                return;
            }
            ctx.next();
        };
    }

    private void nodes(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> {
            long now = System.currentTimeMillis();
            JsonArray arr = new JsonArray();
            store.all().stream().sorted(Comparator.comparing(NodeState::getNodeId))
                    .forEach(s -> arr.add(surface.staleness().json(s, now)));
            return arr;
        }, false).onSuccess(arr -> ctx.response().putHeader("content-type", "application/json").end(arr.encode()))
                .onFailure(ctx::fail);
    }

    private void node(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        ctx.vertx().executeBlocking(() -> store.get(id), false).onSuccess(found -> {
            if (found.isEmpty()) {
                Errors.send(ctx, 404, "not_found", "no node '" + id + "'");
            } else {
                json(ctx, 200, surface.staleness().json(found.get(), System.currentTimeMillis()));
            }
        }).onFailure(ctx::fail);
    }

    private void positions(RoutingContext ctx) {
        String type = Optional.ofNullable(ctx.request().getHeader("content-type")).orElse("").toLowerCase();
        AssetPositionBatch batch;
        try {
            if (type.startsWith("application/x-protobuf") || type.startsWith("application/protobuf")) {
                batch = AssetPositionBatch.parseFrom(ctx.body().buffer().getBytes());
            } else if (type.startsWith("application/json")) {
                AssetPositionBatch.Builder b = AssetPositionBatch.newBuilder();
                JsonFormat.parser().merge(ctx.body().asString(), b);
                batch = b.build();
            } else {
                Errors.send(ctx, 415, "unsupported_media_type", "send application/json or application/x-protobuf");
                return;
            }
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            Errors.send(ctx, 400, "malformed_body", "cannot parse AssetPositionBatch: " + e.getMessage());
            return;
        }
        if (batch.getPositionsCount() > IngestService.MAX_BATCH) {
            Errors.send(ctx, 413, "batch_too_large", "batch of " + batch.getPositionsCount()
                    + " positions exceeds " + IngestService.MAX_BATCH);
            return;
        }
        Principal who = ctx.get(PRINCIPAL);
        if (!surface.limiter().allow(who, batch.getPositionsCount())) {
            ingest.throttled();
            tooMany(ctx);
            return;
        }
        ingest.publish(who, batch.getPositionsList(), 0).onSuccess(ack -> {
            try {
                ctx.response().putHeader("content-type", "application/json")
                        .end(JsonFormat.printer().alwaysPrintFieldsWithNoPresence().print(ack));
            } catch (InvalidProtocolBufferException e) {
                ctx.fail(e);
            }
        }).onFailure(ctx::fail);
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        if (status == 413) {
            Errors.send(ctx, 413, "body_too_large", "request body exceeds " + MAX_BODY_BYTES + " bytes");
            return;
        }
        if (ctx.failure() != null) {
            LOG.log(Level.WARNING, "request failed: " + ctx.request().path(), ctx.failure());
        }
        Errors.send(ctx, status, status == 500 ? "internal" : "request_failed",
                status == 500 ? "the coordinator could not answer this request; see its log" : "request failed");
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
