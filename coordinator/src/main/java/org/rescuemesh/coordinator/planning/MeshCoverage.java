package org.rescuemesh.coordinator.planning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Envelope;
import org.rescuemesh.planner.coverage.CoverageGeoJson;
import org.rescuemesh.planner.coverage.CoverageReport;
import org.rescuemesh.planner.coverage.MarginGrid;
import org.rescuemesh.planner.coverage.RasterGrid;
import org.rescuemesh.planner.coverage.SearchArea;
import org.rescuemesh.planner.coverage.SearchAreaCoverage;
import org.rescuemesh.planner.propagation.ItmLinkPredictor;
import org.rescuemesh.planner.propagation.ParallelWork;
import org.rescuemesh.planner.radio.ItmParameters;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.relay.LinkPredictor;
import org.rescuemesh.planner.relay.MeshNode;
import org.rescuemesh.planner.relay.Site;

/**
 * What the mesh as it stands covers of the search areas: for every cell of a grid over each
 * area, the best two-way link margin between a searcher's handheld at the cell centre and any
 * field node or the command post (ITM over the terrain). A searcher in a cell with margin ≥ 0
 * can both reach the mesh and be reached by it; the rest are the gaps, returned as polygons
 * with their areas, largest first, so a coordinator sees where to send a relay or a team.
 */
public final class MeshCoverage {

    /** Gaps smaller than this (one or two cells of noise) are counted but not listed. */
    private static final double MIN_LISTED_GAP_M2 = 50_000;
    private static final int CANCEL_CHECK_CELLS = 64;
    /** Overlay colours (ARGB): strong link, marginal link. Uncovered cells stay transparent. */
    private static final int STRONG = 0x9a2a9d3a;
    private static final int MARGINAL = 0x9ae09b00;
    private static final double STRONG_MARGIN_DB = 10;

    private MeshCoverage() {
    }

    /**
     * The work of one assessment.
     *
     * @param nodes     field nodes (their own radio profiles and antenna heights)
     * @param radio     the searchers' handheld radio profile
     * @param cellM     grid spacing, 50..2,000 m
     * @param maxRangeM nodes farther than this from a cell are not predicted for it
     */
    public static PlanJob.Work work(PlanningContext context, List<MeshNode> nodes, String radio, double cellM,
                                    double maxRangeM) {
        if (!(cellM >= 50 && cellM <= 2_000)) {
            throw new IllegalArgumentException("cellM must be 50..2000 m, got " + cellM);
        }
        if (!(maxRangeM >= 100 && maxRangeM <= 100_000)) {
            throw new IllegalArgumentException("maxRangeM must be 100..100000 m, got " + maxRangeM);
        }
        List<MeshNode> transmitters = new ArrayList<>(nodes);
        transmitters.add(new MeshNode("command-post", new Site(context.commandPost(), context.commandPostHeightM(), radio)));
        return job -> {
            LinkPredictor links = new ItmLinkPredictor(context.dem(), ItmParameters.defaults());
            List<RasterGrid> grids = new ArrayList<>();
            long cells = 0;
            for (SearchArea area : context.searchAreas()) {
                RasterGrid g = gridOver(area.polygon().getEnvelopeInternal(), cellM);
                grids.add(g);
                cells += (long) g.width() * g.height();
            }
            AtomicLong done = new AtomicLong();
            JsonArray areas = new JsonArray();
            for (int i = 0; i < grids.size(); i++) {
                SearchArea area = context.searchAreas().get(i);
                RasterGrid grid = grids.get(i);
                float[] margins = margins(grid, transmitters, radio, maxRangeM, links, job, done, cells);
                MarginGrid raster = MarginGrid.of(grid, radio, margins);
                CoverageReport report = SearchAreaCoverage.assess(area, raster, MIN_LISTED_GAP_M2);
                String image = "area-" + i + ".png";
                job.putImage(image, overlayPng(grid, margins));
                areas.add(new JsonObject().put("id", area.id()).put("name", area.name())
                        .put("areaM2", report.areaM2()).put("coveredAreaM2", report.coveredAreaM2())
                        .put("coveredPct", 100.0 * report.coveredFraction())
                        .put("gapAreaM2", report.areaM2() - report.coveredAreaM2())
                        .put("listedGaps", report.gaps().size())
                        .put("gaps", new JsonObject(CoverageGeoJson.featureCollection(report)))
                        .put("overlay", new JsonObject()
                                .put("image", "/api/v1/plans/coverage/" + job.id() + "/" + image)
                                .put("west", grid.originX()).put("north", grid.originY())
                                .put("east", grid.originX() + grid.width() * grid.pixelWidth())
                                .put("south", grid.originY() + grid.height() * grid.pixelHeight())));
            }
            return new JsonObject().put("computedAt", Instant.now().toString()).put("radioProfile", radio)
                    .put("cellM", cellM).put("transmitters", transmitters.size()).put("areas", areas);
        };
    }

    /** A geographic grid over the box with cells of about {@code cellM} on the ground. */
    static RasterGrid gridOver(Envelope box, double cellM) {
        double midLat = (box.getMinY() + box.getMaxY()) / 2;
        double dLat = cellM / 111_320.0;
        double dLon = cellM / (111_320.0 * Math.max(0.01, Math.cos(Math.toRadians(midLat))));
        int width = Math.max(1, (int) Math.ceil(box.getWidth() / dLon));
        int height = Math.max(1, (int) Math.ceil(box.getHeight() / dLat));
        if ((long) width * height > 1_000_000) {
            throw new IllegalArgumentException("search area needs " + width + "×" + height
                    + " cells at " + cellM + " m; use a larger cellM");
        }
        return RasterGrid.geographic(width, height, box.getMinX(), box.getMaxY(), dLon, dLat);
    }

    private static float[] margins(RasterGrid grid, List<MeshNode> transmitters, String radio, double maxRangeM,
                                   LinkPredictor links, PlanJob job, AtomicLong done, long total) {
        float[] margins = new float[grid.width() * grid.height()];
        Arrays.fill(margins, Float.NaN);
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            double[] lonLat = new double[2];
            for (int cell = next.getAndIncrement(); cell < margins.length; cell = next.getAndIncrement()) {
                if (cell % CANCEL_CHECK_CELLS == 0) {
                    job.cancellation().throwIfCancelled();
                    job.progress("coverage", done.get(), total);
                }
                grid.pixelToLonLat(cell % grid.width() + 0.5, cell / grid.width() + 0.5, lonLat);
                GeoPoint at = new GeoPoint(lonLat[1], lonLat[0]);
                Site searcher = new Site(at, PlanningContext.HANDHELD_HEIGHT_M, radio);
                double best = Double.NaN;
                for (MeshNode n : transmitters) {
                    if (n.site().position().distanceM(at) > maxRangeM) {
                        continue;
                    }
                    double m = links.predict(n.site(), searcher).worstMarginDb();
                    if (Double.isNaN(best) || m > best) {
                        best = m;
                    }
                }
                margins[cell] = (float) best;
                done.incrementAndGet();
            }
        };
        ParallelWork.run(Runtime.getRuntime().availableProcessors(), worker);
        job.progress("coverage", done.get(), total);
        return margins;
    }

    static byte[] overlayPng(RasterGrid grid, float[] margins) {
        BufferedImage img = new BufferedImage(grid.width(), grid.height(), BufferedImage.TYPE_INT_ARGB);
        for (int row = 0; row < grid.height(); row++) {
            for (int col = 0; col < grid.width(); col++) {
                float m = margins[row * grid.width() + col];
                int argb = m >= STRONG_MARGIN_DB ? STRONG : m >= 0 ? MARGINAL : 0;
                img.setRGB(col, row, argb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
