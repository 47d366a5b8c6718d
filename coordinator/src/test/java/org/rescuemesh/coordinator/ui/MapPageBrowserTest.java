package org.rescuemesh.coordinator.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.util.Timestamps;
import io.vertx.core.Vertx;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rescuemesh.coordinator.Coordinator;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.demo.DemoTerrain;
import org.rescuemesh.coordinator.demo.SearchArea;
import org.rescuemesh.coordinator.ingest.IngestClient;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.AssetPositionBatch;

/**
 * The map page in a real headless Chromium (Debian's chromium + chromium-driver; .ci/run
 * installs them). Without them the test is skipped on a developer machine but fails under CI.
 */
class MapPageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String TOKEN = "map-test-token";
    static Coordinator coordinator;
    static Vertx vertx;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            assertThat(present).as("CI must install chromium and chromium-driver (see .ci/run)").isTrue();
        }
        assumeTrue(present, "chromium/chromedriver not installed: apt-get install -y chromium chromium-driver");
        coordinator = Coordinator.start(new Coordinator.Settings("cp-map", "127.0.0.1", 0, 0,
                new InetSocketAddress("127.0.0.1", 0), List.of(), "rescuemesh-map-" + ProcessHandle.current().pid(),
                16100, List.of(), TokenRegistry.single(TOKEN, "test")),
                DemoTerrain.generate(7, SearchArea.DEMO).planningContext());
        vertx = Vertx.vertx();
        IngestClient ingest = new IngestClient(vertx, "127.0.0.1", coordinator.grpcPort(), TOKEN);
        AssetPositionBatch.Builder batch = AssetPositionBatch.newBuilder();
        for (int i = 0; i < 5; i++) {
            batch.addPositions(AssetPosition.newBuilder().setAssetId("boat-" + i).setLabel("Boat " + i).setKind("boat")
                    .setLat(11.1 + i * 0.01).setLon(124.9 + i * 0.01)
                    .setObservedAt(Timestamps.fromMillis(System.currentTimeMillis())));
        }
        assertThat(ingest.publishBatch(batch.build()).await().getAccepted()).isEqualTo(5);
        ingest.close();

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-quic", "--no-first-run", "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (vertx != null) vertx.close().await();
        if (coordinator != null) coordinator.close();
    }

    String base() {
        return "http://127.0.0.1:" + coordinator.httpPort() + "/";
    }

    @Test
    void showsEveryNodeFromTheApiWithoutLoadingAnythingFromOutside() throws Exception {
        browser.get(base() + "#token=" + TOKEN);
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d ->
                d.findElements(By.cssSelector("#nodes tbody tr")).size() >= 6);
        List<String> ids = browser.findElements(By.cssSelector("#nodes tbody tr")).stream()
                .map(tr -> tr.getAttribute("data-id")).toList();
        assertThat(ids).contains("boat-0", "boat-4", "cp-map");
        assertThat(browser.findElement(By.id("summary")).getText()).startsWith("6 nodes");
        assertThat(browser.findElement(By.id("error")).getText()).isEmpty();
        // Leaflet loaded from our own server, and nothing else was fetched from anywhere else.
        Object leaflet = ((JavascriptExecutor) browser).executeScript("return typeof L === 'object' && L.version;");
        assertThat(leaflet).isEqualTo("1.9.4");
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name);");
        assertThat(resources).isNotEmpty().allSatisfy(url -> assertThat(url.replaceFirst("^blob:", "")
                .replaceFirst("^ws:", "http:")).startsWith(base()));
        // Once the live feed is open the page stops polling: a new asset can only arrive as a delta.
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d ->
                "open".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.live;")));
        IngestClient ingest = new IngestClient(vertx, "127.0.0.1", coordinator.grpcPort(), TOKEN);
        try {
            assertThat(ingest.publishBatch(AssetPositionBatch.newBuilder().addPositions(AssetPosition.newBuilder()
                    .setAssetId("boat-live").setKind("boat").setLat(11.2).setLon(124.95)
                    .setObservedAt(Timestamps.fromMillis(System.currentTimeMillis()))).build()).await().getAccepted())
                    .isEqualTo(1);
        } finally {
            ingest.close();
        }
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d ->
                !d.findElements(By.cssSelector("#nodes tbody tr[data-id='boat-live']")).isEmpty());
        screenshot("map-page.png");
    }

    @Test
    void drawsTheTerrainAndAPlannedRelayOnRequest() {
        browser.get(base() + "#token=" + TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> "loaded".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.terrain;")));
        assertThat(browser.findElement(By.id("planner")).isDisplayed()).isTrue();
        browser.findElement(By.id("plan-k")).clear();
        browser.findElement(By.id("plan-k")).sendKeys("1");
        browser.findElement(By.id("plan-relays")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> d.findElements(By.cssSelector("#plan-result li")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#plan-result li")).getText()).contains("% covered");
        assertThat(browser.findElements(By.cssSelector(".relay-icon"))).hasSize(1);
        assertThat(browser.findElement(By.id("plan-status")).getText()).startsWith("before:");
    }

    @Test
    void asksForATokenWhenNoneIsGiven() {
        browser.get(base());
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); location.reload();");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d ->
                Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return document.getElementById('login').open;")));
    }

    @Test
    void assessesCoverageAndShowsTheRoutesOfASelectedNode() {
        long now = System.currentTimeMillis();
        // two field agents: a hears the command post, b only hears a
        coordinator.store().putMember(agent("agent-a", 11.14, 124.92, now, "cp-map"));
        coordinator.store().putMember(agent("agent-b", 11.17, 124.93, now, "agent-a"));
        browser.get("about:blank");
        browser.get(base() + "#token=" + TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> "loaded".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.terrain;")));
        wait.until(d -> "loaded".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.routes;")));
        assertThat(browser.findElement(By.id("route-status")).getText()).contains("mesh nodes");
        wait.until(d -> !d.findElements(By.cssSelector("#nodes tbody tr[data-id='agent-b']")).isEmpty());
        browser.findElement(By.cssSelector("#nodes tbody tr[data-id='agent-b']")).click();
        wait.until(d -> d.findElement(By.id("route-info")).getText().startsWith("agent-b → command post:"));
        browser.findElement(By.id("assess-coverage")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d ->
                "drawn".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.coverage;")));
        assertThat(browser.findElement(By.id("coverage-status")).getText()).contains("% covered");
        assertThat(browser.findElements(By.cssSelector("img.coverage-overlay"))).hasSize(1);
        screenshot("map-coverage.png");
    }

    /** Keeps what the browser showed in target/ for a human to look at after the build. */
    static void screenshot(String name) {
        try {
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.createDirectories(Path.of("target"));
            Files.copy(shot.toPath(), Path.of("target", name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sendsAMessageToTheFieldFromTheMap() {
        browser.get("about:blank"); // a hash change alone would not reload a page another test left
        browser.get(base() + "#token=" + TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> !d.findElements(By.cssSelector("#nodes tbody tr")).isEmpty());
        browser.findElement(By.id("send-text")).sendKeys("all teams: storm front at 16:00, return to staging");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("send-priority"))).selectByVisibleText("urgent");
        browser.findElement(By.cssSelector("#send-form button")).click();
        wait.until(d -> d.findElement(By.id("send-status")).getText().startsWith("sent"));
        wait.until(d -> d.findElements(By.cssSelector("#inbox li.urgent")).stream()
                .anyMatch(li -> li.getText().contains("storm front") && li.getText().contains("→ broadcast")));
    }

    @Test
    void operatorDrawsNamesAndDeletesASearchArea() throws Exception {
        try {
            drawNameAndDeleteASearchArea();
        } finally {
            // whatever happened above, leave no area behind for the coverage test
            deleteAreasNamed("river bend");
        }
    }

    private void deleteAreasNamed(String name) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base() + "api/v1/search-areas")).header("Authorization", "Bearer " + TOKEN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        for (Object f : new io.vertx.core.json.JsonObject(r.body()).getJsonArray("features")) {
            io.vertx.core.json.JsonObject feature = (io.vertx.core.json.JsonObject) f;
            if (name.equals(feature.getJsonObject("properties").getString("name"))) {
                client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "api/v1/search-areas/"
                        + feature.getString("id"))).header("Authorization", "Bearer " + TOKEN).DELETE().build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    private void drawNameAndDeleteASearchArea() throws Exception {
        browser.get("about:blank");
        browser.get(base() + "#token=" + TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> "loaded".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.terrain;")));
        // the first picture fits the map to the nodes once: drawing before that, the map would move
        // under the drawn outline and the clicks on its edges below would miss it
        wait.until(d -> ((JavascriptExecutor) d).executeScript("return document.body.dataset.nodes;") != null);
        org.openqa.selenium.WebElement mapElement = browser.findElement(By.id("map"));
        org.openqa.selenium.interactions.Actions mouse = new org.openqa.selenium.interactions.Actions(browser);

        // a bow tie first: the coordinator refuses it and says why; the corners stay for a retry
        browser.findElement(By.id("draw-area")).click();
        for (int[] xy : new int[][]{{-150, -150}, {-50, -50}, {-50, -150}, {-150, -50}}) {
            mouse.moveToElement(mapElement, xy[0], xy[1]).click().perform();
        }
        browser.findElement(By.id("area-name")).sendKeys("bow tie");
        browser.findElement(By.id("finish-area")).click();
        wait.until(d -> d.findElement(By.id("area-status")).getText().startsWith("not saved"));
        assertThat(searchAreaNames()).doesNotContain("bow tie");
        browser.findElement(By.id("cancel-area")).click();

        browser.findElement(By.id("draw-area")).click();
        int[][] square = {{-150, -150}, {-50, -150}, {-50, -50}, {-150, -50}};
        List<double[]> corners = new java.util.ArrayList<>();
        for (int[] xy : square) {
            mouse.moveToElement(mapElement, xy[0], xy[1]).click().perform();
            corners.add(latLngAt(xy));
        }
        browser.findElement(By.id("area-name")).clear();
        browser.findElement(By.id("area-name")).sendKeys("river bend");
        browser.findElement(By.id("finish-area")).click();
        wait.until(d -> d.findElement(By.id("area-status")).getText().startsWith("saved river bend"));
        assertThat(searchAreaNames()).contains("river bend");
        assertThat(browser.findElement(By.id("draw-area")).isDisplayed()).isTrue();
        // the browser hands a click to the topmost canvas only: were the outlines on a canvas of their
        // own, the nodes' and links' canvas could lie over it (whichever loaded last) and take every click
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('.leaflet-overlay-pane canvas').length;"))
                .as("canvases in the map's overlay pane").isEqualTo(1L);
        // the new area lies inside the start-up search area: a click inside an area is not a click on
        // it (else the large area would take the clicks meant for the small one's outline)
        double insideLat = corners.stream().mapToDouble(c -> c[0]).average().orElseThrow();
        double insideLon = corners.stream().mapToDouble(c -> c[1]).average().orElseThrow();
        assertThat(SearchArea.DEMO.contains(insideLat, insideLon)).as("drawn inside the start-up area").isTrue();
        int[] inside = offsetOf(insideLat, insideLon);
        mouse.moveToElement(mapElement, inside[0], inside[1]).click().perform();
        assertThat(((JavascriptExecutor) browser).executeScript("return Array.from(document.querySelectorAll("
                + "'.leaflet-popup')).some(p => p.textContent.includes('search area'));"))
                .as("a search area's popup opened by a click inside it").isEqualTo(false);

        // the outline opens its popup, whose button deletes the area; another area's outline may lie
        // under one edge (the map's view depends on the nodes earlier tests left): try each edge,
        // found again on the screen each time (a popup that opened pans the map to show itself)
        boolean deleted = false;
        for (int i = 0; i < corners.size(); i++) {
            double[] from = corners.get(i);
            double[] to = corners.get((i + 1) % corners.size());
            int[] edge = offsetOf((from[0] + to[0]) / 2, (from[1] + to[1]) / 2);
            mouse.moveToElement(mapElement, edge[0], edge[1]).click().perform();
            try {
                // (Leaflet re-renders a popup while it pans the map to show it: retry on a stale button)
                deleted = new WebDriverWait(browser, Duration.ofSeconds(3))
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                        .ignoring(org.openqa.selenium.NoSuchElementException.class).until(d -> {
                            org.openqa.selenium.WebElement popup = d.findElement(By.cssSelector(".leaflet-popup"));
                            if (!popup.isDisplayed()) {
                                return false; // fading in: its text reads as empty until it shows
                            }
                            if (!popup.getText().contains("river bend")) {
                                d.findElement(By.cssSelector(".leaflet-popup-close-button")).click();
                                return false;
                            }
                            popup.findElement(By.cssSelector(".delete-area")).click();
                            return true;
                        });
            } catch (org.openqa.selenium.TimeoutException notThisEdge) {
                continue;
            }
            if (deleted) {
                break;
            }
        }
        if (!deleted) {
            screenshot("area-popup-missing.png");
        }
        assertThat(deleted).as("no edge of the drawn area opened its popup (screenshot target/area-popup-missing.png)")
                .isTrue();
        try {
            wait.until(d -> d.findElement(By.id("area-status")).getText().startsWith("deleted river bend"));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("area-delete-failed.png");
            throw new AssertionError("status: " + browser.findElement(By.id("area-status")).getText() + "; popup: "
                    + browser.findElements(By.cssSelector(".leaflet-popup")).size() + "; areas: " + searchAreaNames(), e);
        }
        assertThat(searchAreaNames()).doesNotContain("river bend");
    }

    /** The map position under a pixel offset from the map's centre, as [lat, lon]. */
    private double[] latLngAt(int[] offset) {
        @SuppressWarnings("unchecked")
        List<Number> ll = (List<Number>) ((JavascriptExecutor) browser).executeScript(
                "const m = window.rescuemeshMap, s = m.getSize();"
                        + "const p = m.containerPointToLatLng([s.x / 2 + arguments[0], s.y / 2 + arguments[1]]);"
                        + "return [p.lat, p.lng];", offset[0], offset[1]);
        return new double[]{ll.get(0).doubleValue(), ll.get(1).doubleValue()};
    }

    /** The pixel offset from the map's centre at which a map position is drawn now. */
    private int[] offsetOf(double lat, double lon) {
        @SuppressWarnings("unchecked")
        List<Number> xy = (List<Number>) ((JavascriptExecutor) browser).executeScript(
                "const m = window.rescuemeshMap, s = m.getSize();"
                        + "const p = m.latLngToContainerPoint([arguments[0], arguments[1]]);"
                        + "return [p.x - s.x / 2, p.y - s.y / 2];", lat, lon);
        return new int[]{(int) Math.round(xy.get(0).doubleValue()), (int) Math.round(xy.get(1).doubleValue())};
    }

    private List<String> searchAreaNames() throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "api/v1/search-areas"))
                        .header("Authorization", "Bearer " + TOKEN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        io.vertx.core.json.JsonArray features = new io.vertx.core.json.JsonObject(r.body()).getJsonArray("features");
        return features.stream().map(f -> ((io.vertx.core.json.JsonObject) f).getJsonObject("properties").getString("name"))
                .toList();
    }

    private static org.rescuemesh.proto.v1.NodeState agent(String id, double lat, double lon, long now, String peer) {
        return org.rescuemesh.proto.v1.NodeState.newBuilder().setNodeId(id).setName(id).setTeam("alpha")
                .setKind(org.rescuemesh.proto.v1.NodeKind.NODE_KIND_AGENT)
                .setStatus(org.rescuemesh.proto.v1.NodeStatus.NODE_STATUS_ALIVE).setBatteryPct(80)
                .setUpdatedAt(Timestamps.fromMillis(now))
                .setPosition(org.rescuemesh.proto.v1.GeoPosition.newBuilder().setLatDeg(lat).setLonDeg(lon)
                        .setSource("static").setObservedAt(Timestamps.fromMillis(now)))
                .addLinks(org.rescuemesh.proto.v1.LinkReport.newBuilder().setPeerId(peer).setEtx(1.2)
                        .setDeliveryForward(0.9).setDeliveryReverse(0.93))
                .build();
    }
}
