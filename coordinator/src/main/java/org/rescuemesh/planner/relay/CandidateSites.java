package org.rescuemesh.planner.relay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Generates candidate relay sites inside a disc around a point: terrain peaks and ridge crests
 * from a {@link HeightFunction}, or the best cells of a {@link VisibilityIndex}. Samples the
 * disc on a grid of {@code spacingM}, ranks the qualifying cells (higher first) and keeps at
 * most {@code maxCount} that are at least {@code minSeparationM} apart, so the candidates
 * spread over the area instead of clustering on one summit.
 */
public final class CandidateSites {

    private CandidateSites() {
    }

    /** Peaks (higher than all 8 neighbours) and ridge crests, ranked by height. */
    public static List<CandidateSite> peaksAndRidges(HeightFunction terrain, GeoPoint centre, double radiusM,
                                                     double spacingM, int maxCount, double minSeparationM) {
        if (terrain == null) {
            throw new IllegalArgumentException("height function must not be null");
        }
        DiscSampling grid = DiscSampling.of(centre, radiusM, spacingM, maxCount, minSeparationM);
        double[][] h = grid.sample(terrain::heightM);
        List<CandidateSite> ranked = new ArrayList<>();
        for (int r = 1; r < grid.rows - 1; r++) {
            for (int c = 1; c < grid.cols - 1; c++) {
                if (!grid.inside(r, c) || Double.isNaN(h[r][c])) {
                    continue;
                }
                CandidateOrigin origin = classify(h, r, c);
                if (origin != null) {
                    ranked.add(new CandidateSite(idFor(origin, r, c), grid.point(r, c), origin, h[r][c]));
                }
            }
        }
        return grid.spreadOut(ranked);
    }

    /** The highest-scoring cells of a visibility index. */
    public static List<CandidateSite> byVisibility(VisibilityIndex index, GeoPoint centre, double radiusM,
                                                   double spacingM, int maxCount, double minSeparationM) {
        if (index == null) {
            throw new IllegalArgumentException("visibility index must not be null");
        }
        DiscSampling grid = DiscSampling.of(centre, radiusM, spacingM, maxCount, minSeparationM);
        double[][] score = grid.sample(index::score);
        List<CandidateSite> ranked = new ArrayList<>();
        for (int r = 0; r < grid.rows; r++) {
            for (int c = 0; c < grid.cols; c++) {
                if (grid.inside(r, c) && !Double.isNaN(score[r][c])) {
                    ranked.add(new CandidateSite(idFor(CandidateOrigin.VISIBILITY, r, c), grid.point(r, c),
                            CandidateOrigin.VISIBILITY, score[r][c]));
                }
            }
        }
        return grid.spreadOut(ranked);
    }

    /** PEAK, RIDGE or null for the cell (r, c) of height grid h (all neighbours must be known). */
    static CandidateOrigin classify(double[][] h, int r, int c) {
        double centre = h[r][c];
        int[][] axes = {{0, 1}, {1, 0}, {1, 1}, {1, -1}};
        int crestAxes = 0;
        boolean peak = true;
        for (int[] axis : axes) {
            double a = h[r + axis[0]][c + axis[1]];
            double b = h[r - axis[0]][c - axis[1]];
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return null;
            }
            boolean above = centre > a && centre > b;
            if (above) {
                crestAxes++;
            }
            peak &= above;
        }
        if (peak) {
            return CandidateOrigin.PEAK;
        }
        // A crest line is higher than its flanks across the line, i.e. along at least two axes.
        return crestAxes >= 2 ? CandidateOrigin.RIDGE : null;
    }

    private static String idFor(CandidateOrigin origin, int r, int c) {
        return origin.name().toLowerCase(Locale.ROOT) + "-" + r + "-" + c;
    }

    /** A lat/lon grid of about spacingM over the disc's bounding box. */
    private static final class DiscSampling {
        final GeoPoint centre;
        final double radiusM;
        final int rows;
        final int cols;
        final double south;
        final double west;
        final double latStep;
        final double lonStep;
        final int maxCount;
        final double minSeparationM;

        private DiscSampling(GeoPoint centre, double radiusM, double spacingM, int maxCount, double minSeparationM) {
            this.centre = centre;
            this.radiusM = radiusM;
            this.maxCount = maxCount;
            this.minSeparationM = minSeparationM;
            double metresPerDegLat = 111_132.0;
            double metresPerDegLon = 111_320.0 * Math.cos(Math.toRadians(centre.lat()));
            latStep = spacingM / metresPerDegLat;
            lonStep = spacingM / Math.max(1.0, metresPerDegLon);
            int half = (int) Math.ceil(radiusM / spacingM);
            rows = 2 * half + 1;
            cols = 2 * half + 1;
            south = centre.lat() - half * latStep;
            west = centre.lon() - half * lonStep;
        }

        static DiscSampling of(GeoPoint centre, double radiusM, double spacingM, int maxCount, double minSeparationM) {
            if (centre == null) {
                throw new IllegalArgumentException("centre must not be null");
            }
            if (!(radiusM > 0) || !(spacingM > 0) || Double.isInfinite(radiusM) || Double.isInfinite(spacingM)) {
                throw new IllegalArgumentException("radius and spacing must be positive metres");
            }
            if (radiusM / spacingM > 5_000) {
                throw new IllegalArgumentException("radius " + radiusM + " m at " + spacingM
                        + " m spacing needs too many samples; use a coarser spacing");
            }
            if (maxCount < 0) {
                throw new IllegalArgumentException("maximum candidate count must be >= 0, got " + maxCount);
            }
            if (!(minSeparationM >= 0)) {
                throw new IllegalArgumentException("minimum separation must be >= 0 m, got " + minSeparationM);
            }
            return new DiscSampling(centre, radiusM, spacingM, maxCount, minSeparationM);
        }

        GeoPoint point(int r, int c) {
            double lat = Math.max(-90, Math.min(90, south + r * latStep));
            double lon = Math.max(-180, Math.min(180, west + c * lonStep));
            return new GeoPoint(lat, lon);
        }

        boolean inside(int r, int c) {
            GeoPoint p = point(r, c);
            return centre.distanceM(p) <= radiusM;
        }

        double[][] sample(java.util.function.DoubleBinaryOperator f) {
            double[][] values = new double[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    GeoPoint p = point(r, c);
                    values[r][c] = f.applyAsDouble(p.lat(), p.lon());
                }
            }
            return values;
        }

        /** Highest score first, greedily skipping sites closer than minSeparationM to a kept one. */
        List<CandidateSite> spreadOut(List<CandidateSite> ranked) {
            ranked.sort(Comparator.comparingDouble(CandidateSite::score).reversed().thenComparing(CandidateSite::id));
            List<CandidateSite> kept = new ArrayList<>();
            for (CandidateSite site : ranked) {
                if (kept.size() >= maxCount) {
                    break;
                }
                boolean farEnough = true;
                for (CandidateSite other : kept) {
                    if (site.position().distanceM(other.position()) < minSeparationM) {
                        farEnough = false;
                        break;
                    }
                }
                if (farEnough) {
                    kept.add(site);
                }
            }
            return kept;
        }
    }
}
