package org.rescuemesh.coordinator.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rescuemesh.coordinator.demo.DemoTerrain;
import org.rescuemesh.coordinator.demo.SearchArea;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.relay.MeshNode;
import org.rescuemesh.planner.relay.Site;

/** Coverage of the demo search area by the command post alone and with field nodes added. */
class MeshCoverageTest {

    static PlanningContext context;
    static PlanJobs jobs;

    @BeforeAll
    static void terrain() {
        context = DemoTerrain.generate(11, SearchArea.DEMO).planningContext();
        jobs = new PlanJobs();
    }

    private static PlanJob runToEnd(List<MeshNode> nodes) throws InterruptedException {
        PlanJob job = jobs.submit("coverage", new JsonObject(), "coverage",
                MeshCoverage.work(context, nodes, context.defaultRadio(), 600, 15_000));
        for (int i = 0; i < 1200 && !job.state().isFinal(); i++) {
            Thread.sleep(50);
        }
        assertThat(job.state()).as(job.toJson().encodePrettily()).isEqualTo(PlanJob.State.DONE);
        return job;
    }

    private static JsonObject area(PlanJob job) {
        return job.toJson().getJsonObject("coverage").getJsonArray("areas").getJsonObject(0);
    }

    private static MeshNode searcher(String id, double lat, double lon) {
        return new MeshNode(id, new Site(new GeoPoint(lat, lon), PlanningContext.HANDHELD_HEIGHT_M, context.defaultRadio()));
    }

    @Test
    void coveredAndGapAreasAddUpAndMoreNodesNeverCoverLess() throws Exception {
        JsonObject alone = area(runToEnd(List.of()));
        JsonObject teams = area(runToEnd(List.of(searcher("n1", 11.19, 124.88), searcher("n2", 11.18, 124.96),
                searcher("n3", 11.15, 124.92))));
        for (JsonObject a : List.of(alone, teams)) {
            assertThat(a.getDouble("coveredAreaM2") + a.getDouble("gapAreaM2")).isCloseTo(a.getDouble("areaM2"), offset(1.0));
            assertThat(a.getDouble("coveredPct")).isBetween(0.0, 100.0);
            assertThat(a.getJsonObject("gaps").getString("type")).isEqualTo("FeatureCollection");
        }
        // the command post at the south edge cannot see the whole hilly area on its own
        assertThat(alone.getDouble("coveredPct")).isLessThan(100.0);
        assertThat(teams.getDouble("coveredPct")).isGreaterThan(alone.getDouble("coveredPct"));
        assertThat(teams.getDouble("gapAreaM2")).isLessThan(alone.getDouble("gapAreaM2"));
    }

    @Test
    void theOverlayHasOneTransparentOrTintedPixelPerCell() throws Exception {
        PlanJob job = runToEnd(List.of(searcher("n1", 11.16, 124.92)));
        JsonObject overlay = area(job).getJsonObject("overlay");
        String name = overlay.getString("image").substring(overlay.getString("image").lastIndexOf('/') + 1);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(job.image(name).orElseThrow()));
        assertThat(overlay.getDouble("north")).isGreaterThan(overlay.getDouble("south"));
        double cellDegLat = (overlay.getDouble("north") - overlay.getDouble("south")) / img.getHeight();
        assertThat(cellDegLat * 111_320).isCloseTo(600, offset(1.0));
        int tinted = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) >>> 24) != 0) {
                    tinted++;
                }
            }
        }
        double tintedPct = 100.0 * tinted / (img.getWidth() * img.getHeight());
        // the search area fills its box, so tinted cells ≈ covered cells
        assertThat(tintedPct).isCloseTo(area(job).getDouble("coveredPct"), offset(5.0));
    }

    @Test
    void badParametersAreRefused() {
        assertThatThrownBy(() -> MeshCoverage.work(context, List.of(), "uhf-handheld", 10, 15_000))
                .hasMessageContaining("cellM");
        assertThatThrownBy(() -> MeshCoverage.work(context, List.of(), "uhf-handheld", 250, 0))
                .hasMessageContaining("maxRangeM");
    }
}
