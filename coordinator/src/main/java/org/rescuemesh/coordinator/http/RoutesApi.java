package org.rescuemesh.coordinator.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.rescuemesh.coordinator.auth.Scope;
import org.rescuemesh.coordinator.picture.PictureStore;
import org.rescuemesh.coordinator.planning.MeshRoutes;
import org.rescuemesh.coordinator.planning.PlanningContext;
import org.rescuemesh.planner.propagation.ItmLinkPredictor;
import org.rescuemesh.planner.radio.ItmParameters;
import org.rescuemesh.planner.relay.LinkPredictor;

/**
 * {@code GET /api/v1/routes}: best and backup message routes from every live mesh node to this
 * coordinator, partitions and single points of failure. Measured links always; ITM-predicted
 * links too when the coordinator has terrain ({@code ?predicted=false} leaves them out).
 */
public final class RoutesApi {

    private final PictureStore store;
    private final String commandPostId;
    private final PlanningContext context;
    private final LinkPredictor predictor;
    /** The last report per flag: several maps polling every 15 s share one computation. */
    private final Map<Boolean, CachedReport> cache = new ConcurrentHashMap<>();

    private record CachedReport(long computedAtNanos, JsonObject report) {
    }

    /** How long a report is reused; link reports arrive every few seconds anyway. */
    private static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** @param context the planning context, or null on a coordinator without terrain */
    public RoutesApi(PictureStore store, String commandPostId, PlanningContext context) {
        this.store = store;
        this.commandPostId = commandPostId;
        this.context = context;
        this.predictor = context == null ? null : new ItmLinkPredictor(context.dem(), ItmParameters.defaults());
    }

    public void mount(Router router, Function<Scope, Handler<RoutingContext>> require) {
        router.get("/api/v1/routes").handler(require.apply(Scope.READ)).handler(this::routes);
    }

    private JsonObject report(boolean usePredictions) {
        CachedReport last = cache.get(usePredictions);
        long now = System.nanoTime();
        if (last != null && now - last.computedAtNanos() < REUSE_NANOS) {
            return last.report();
        }
        JsonObject report = MeshRoutes.report(store.all(), commandPostId, usePredictions ? predictor : null, context);
        cache.put(usePredictions, new CachedReport(now, report));
        return report;
    }

    private void routes(RoutingContext ctx) {
        String predicted = ctx.request().getParam("predicted", "true");
        if (!predicted.equals("true") && !predicted.equals("false")) {
            Errors.send(ctx, 400, "bad_request", "predicted must be true or false, got '" + predicted + "'");
            return;
        }
        boolean usePredictions = predicted.equals("true");
        // ITM over every node pair takes a moment: never on the event loop.
        ctx.vertx().executeBlocking(() -> report(usePredictions), false)
                .onSuccess(report -> ctx.response().putHeader("content-type", "application/json").end(report.encode()))
                .onFailure(e -> {
                    if (e instanceof IllegalArgumentException) {
                        Errors.send(ctx, 409, "not_in_mesh", e.getMessage());
                    } else {
                        ctx.fail(e);
                    }
                });
    }
}
