package org.rescuemesh.coordinator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rescuemesh.coordinator.Coordinator;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.demo.DemoTerrain;
import org.rescuemesh.coordinator.demo.SearchArea;

/** Planning endpoints of a coordinator with terrain, over real HTTP. */
class PlannerApiTest {

    static Coordinator coordinator;
    static Vertx vertx;
    static WebClient web;

    @BeforeAll
    static void start() throws Exception {
        TokenRegistry tokens = TokenRegistry.parse(List.of("planner ops plan,read", "viewer ops read"), "test");
        coordinator = Coordinator.start(new Coordinator.Settings("cp-plan", "127.0.0.1", 0, 0,
                new InetSocketAddress("127.0.0.1", 0), List.of(), "rescuemesh-plan-" + ProcessHandle.current().pid(),
                16300, List.of(), tokens), DemoTerrain.generate(3, SearchArea.DEMO).planningContext());
        vertx = Vertx.vertx();
        web = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        if (vertx != null) vertx.close().await();
        if (coordinator != null) coordinator.close();
    }

    static HttpResponse<Buffer> call(String method, String path, String token, String body) {
        var req = web.request(io.vertx.core.http.HttpMethod.valueOf(method), coordinator.httpPort(), "127.0.0.1", path);
        if (token != null) {
            req.bearerTokenAuthentication(token);
        }
        return (body == null ? req.send() : req.putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(body))).await();
    }

    @Test
    void terrainReliefAndSearchAreasAreServed() {
        JsonObject t = call("GET", "/api/v1/terrain", "viewer", null).bodyAsJsonObject();
        assertThat(t.getDouble("north")).isGreaterThan(t.getDouble("south"));
        assertThat(t.getString("crs")).isEqualTo("EPSG:32651");
        HttpResponse<Buffer> png = call("GET", "/api/v1/terrain/relief.png", "viewer", null);
        assertThat(png.getHeader("content-type")).isEqualTo("image/png");
        assertThat(png.body().getBytes(1, 4)).isEqualTo("PNG".getBytes());
        JsonObject areas = call("GET", "/api/v1/search-areas", "viewer", null).bodyAsJsonObject();
        JsonObject builtIn = areas.getJsonArray("features").getJsonObject(0).getJsonObject("properties");
        assertThat(builtIn.getString("id")).isEqualTo("demo-area");
        assertThat(builtIn.getString("source")).isEqualTo("start-up");
        assertThat(builtIn.getDouble("areaM2")).isBetween(1.9e8, 2.2e8);
    }

    @Test
    void aPlanRunsInTheBackgroundAndReportsItsRelays() {
        HttpResponse<Buffer> accepted = call("POST", "/api/v1/plans/relays", "planner", "{\"k\": 2}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = accepted.bodyAsJsonObject().getString("id");
        assertThat(accepted.getHeader("location")).isEqualTo("/api/v1/plans/relays/" + id);
        JsonObject done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> call("GET", "/api/v1/plans/relays/" + id, "viewer", null).bodyAsJsonObject(),
                        j -> !"queued".equals(j.getString("state")) && !"running".equals(j.getString("state")));
        assertThat(done.getString("state")).isEqualTo("done");
        JsonObject plan = done.getJsonObject("plan");
        assertThat(plan.getJsonArray("relays")).hasSizeBetween(1, 2);
        JsonObject first = plan.getJsonArray("relays").getJsonObject(0);
        assertThat(first.getDouble("coveredPctAfter")).isGreaterThanOrEqualTo(plan.getDouble("coveredPctBefore", 0.0));
        assertThat(call("GET", "/api/v1/plans/relays", "viewer", null).bodyAsJsonArray().size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void badRequestsAreRefusedWithJsonErrors() {
        assertThat(call("POST", "/api/v1/plans/relays", "viewer", "{}").statusCode()).isEqualTo(403);
        HttpResponse<Buffer> badK = call("POST", "/api/v1/plans/relays", "planner", "{\"k\": 0}");
        assertThat(badK.statusCode()).isEqualTo(400);
        assertThat(badK.bodyAsJsonObject().getString("message")).contains("k must be 1..20");
        HttpResponse<Buffer> badRadio = call("POST", "/api/v1/plans/relays", "planner", "{\"radioProfile\": \"smoke-signals\"}");
        assertThat(badRadio.statusCode()).isEqualTo(400);
        assertThat(badRadio.bodyAsJsonObject().getString("message")).contains("smoke-signals");
        assertThat(call("POST", "/api/v1/plans/relays", "planner", "{not json").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/plans/relays", "planner", "{\"k\": \"three\"}").statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/plans/relays/nope", "viewer", null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/plans/relays/nope", "planner", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aPlanCanBeCancelled() {
        String id = call("POST", "/api/v1/plans/relays", "planner", "{\"k\": 20}").bodyAsJsonObject().getString("id");
        assertThat(call("DELETE", "/api/v1/plans/relays/" + id, "planner", null).statusCode()).isEqualTo(200);
        JsonObject end = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> call("GET", "/api/v1/plans/relays/" + id, "viewer", null).bodyAsJsonObject(),
                        j -> !"queued".equals(j.getString("state")) && !"running".equals(j.getString("state")));
        assertThat(end.getString("state")).isEqualTo("cancelled");
    }

    @Test
    void coverageOfTheSearchAreaRunsInTheBackgroundWithGapsAndAnOverlay() {
        HttpResponse<Buffer> accepted = call("POST", "/api/v1/plans/coverage", "planner", "{\"cellM\": 500}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = accepted.bodyAsJsonObject().getString("id");
        assertThat(accepted.getHeader("location")).isEqualTo("/api/v1/plans/coverage/" + id);
        JsonObject done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> call("GET", "/api/v1/plans/coverage/" + id, "viewer", null).bodyAsJsonObject(),
                        j -> !"queued".equals(j.getString("state")) && !"running".equals(j.getString("state")));
        assertThat(done.getString("state")).as(done.encodePrettily()).isEqualTo("done");
        JsonObject area = done.getJsonObject("coverage").getJsonArray("areas").getJsonObject(0);
        assertThat(area.getString("id")).isEqualTo("demo-area");
        assertThat(area.getDouble("coveredPct")).isBetween(0.0, 100.0);
        assertThat(area.getJsonObject("gaps").getJsonArray("features")).isNotNull();
        HttpResponse<Buffer> png = call("GET", area.getJsonObject("overlay").getString("image"), "viewer", null);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.body().getBytes(1, 4)).isEqualTo("PNG".getBytes());
        assertThat(call("GET", "/api/v1/plans/coverage/" + id + "/nothing.png", "viewer", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/plans/coverage", "viewer", null).bodyAsJsonArray().size()).isGreaterThanOrEqualTo(1);
        // the finished job is in the shared picture, images included, for every member and after restarts
        JsonObject stored = await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.store()
                .document(org.rescuemesh.coordinator.picture.PictureStore.DocumentKind.PLAN, id), java.util.Optional::isPresent)
                .map(JsonObject::new).orElseThrow();
        assertThat(stored.getString("state")).isEqualTo("done");
        assertThat(stored.getJsonObject("coverage").getJsonArray("areas")).isNotEmpty();
        assertThat(stored.getJsonObject("images").fieldNames()).contains("area-0.png");
        // a coverage job is not a relay plan
        assertThat(call("GET", "/api/v1/plans/relays/" + id, "viewer", null).statusCode()).isEqualTo(404);
    }

    @Test
    void routesLeadToThisCoordinator() {
        HttpResponse<Buffer> r = call("GET", "/api/v1/routes", "viewer", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject report = r.bodyAsJsonObject();
        assertThat(report.getString("commandPost")).isEqualTo("cp-plan");
        assertThat(report.getInteger("nodes")).isGreaterThanOrEqualTo(1);
        assertThat(call("GET", "/api/v1/routes?predicted=maybe", "viewer", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/routes", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void badCoverageRequestsAndUnknownPlanKindsAreRefused() {
        HttpResponse<Buffer> badCell = call("POST", "/api/v1/plans/coverage", "planner", "{\"cellM\": 5}");
        assertThat(badCell.statusCode()).isEqualTo(400);
        assertThat(badCell.bodyAsJsonObject().getString("message")).contains("cellM");
        assertThat(call("POST", "/api/v1/plans/coverage", "planner", "{\"cellM\": \"fine\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/plans/coverage", "viewer", "{}").statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/plans/teleports", "viewer", null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/plans/teleports/x", "planner", null).statusCode()).isEqualTo(404);
    }

    static final String VALLEY = "{\"type\": \"Feature\", \"properties\": {\"name\": \"north valley\"}, \"geometry\": "
            + "{\"type\": \"Polygon\", \"coordinates\": [[[124.90, 11.18], [124.95, 11.18], [124.95, 11.21], [124.90, 11.21], [124.90, 11.18]]]}}";

    @Test
    void operatorsDrawReplaceAndDeleteSearchAreas() {
        HttpResponse<Buffer> created = call("POST", "/api/v1/search-areas", "planner", VALLEY);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        String id = created.bodyAsJsonObject().getString("id");
        assertThat(created.getHeader("location")).isEqualTo("/api/v1/search-areas/" + id);
        JsonObject props = created.bodyAsJsonObject().getJsonObject("properties");
        assertThat(props.getString("name")).isEqualTo("north valley");
        assertThat(props.getString("source")).isEqualTo("operator");
        // 0.05° × 0.03° at 11° N ≈ 5.46 km × 3.32 km
        assertThat(props.getDouble("areaM2")).isBetween(1.7e7, 1.9e7);
        assertThat(call("GET", "/api/v1/search-areas", "viewer", null).bodyAsJsonObject().getJsonArray("features").stream()
                .map(f -> ((JsonObject) f).getString("id"))).contains("demo-area", id);

        HttpResponse<Buffer> replaced = call("PUT", "/api/v1/search-areas/" + id, "planner", VALLEY.replace("north valley", "north valley, east half"));
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/search-areas/" + id, "viewer", null).bodyAsJsonObject().getJsonObject("properties")
                .getString("name")).isEqualTo("north valley, east half");

        assertThat(call("DELETE", "/api/v1/search-areas/" + id, "planner", null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/search-areas/" + id, "viewer", null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/search-areas/" + id, "planner", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/search-areas", "viewer", null).bodyAsJsonObject().getJsonArray("features").stream()
                .map(f -> ((JsonObject) f).getString("id"))).doesNotContain(id);
    }

    @Test
    void invalidSearchAreasAreRefusedWithTheReason() {
        String bowtie = "{\"type\": \"Polygon\", \"coordinates\": [[[124.90, 11.18], [124.95, 11.21], [124.95, 11.18], [124.90, 11.21], [124.90, 11.18]]]}";
        HttpResponse<Buffer> r = call("POST", "/api/v1/search-areas", "planner", bowtie);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("message")).containsIgnoringCase("self-intersection");
        HttpResponse<Buffer> point = call("POST", "/api/v1/search-areas", "planner", "{\"type\": \"Point\", \"coordinates\": [124.9, 11.1]}");
        assertThat(point.statusCode()).isEqualTo(400);
        assertThat(point.bodyAsJsonObject().getString("message")).contains("Polygon");
        String latLon = "{\"type\": \"Polygon\", \"coordinates\": [[[11.18, 124.90], [11.18, 124.95], [11.21, 124.95], [11.18, 124.90]]]}";
        assertThat(call("POST", "/api/v1/search-areas", "planner", latLon).bodyAsJsonObject().getString("message"))
                .contains("outside WGS 84");
        assertThat(call("POST", "/api/v1/search-areas", "planner", "{not json").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/search-areas", "viewer", VALLEY).statusCode()).isEqualTo(403);
        assertThat(call("PUT", "/api/v1/search-areas/demo-area", "planner", VALLEY).statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/api/v1/search-areas/bad%20id", "planner", VALLEY).statusCode()).isEqualTo(400);
        assertThat(call("DELETE", "/api/v1/search-areas/demo-area", "planner", null).statusCode()).isEqualTo(400);
    }
}
