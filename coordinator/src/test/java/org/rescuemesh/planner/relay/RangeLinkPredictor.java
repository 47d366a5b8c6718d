package org.rescuemesh.planner.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test predictor: free-space link budgets written as a range per radio profile (the margin of a
 * transmitter with profile p at distance d is 20·log10(range(p) / d), exactly the free-space
 * slope, 0 dB at the range), minus a fixed loss for every synthetic wall the path crosses.
 * Deterministic, so scenarios have answers known from distances alone.
 */
final class RangeLinkPredictor implements LinkPredictor {

    static final double WALL_LOSS_DB = 60;

    private final Map<String, Double> rangeByProfileM;
    private final List<double[]> walls = new ArrayList<>();

    RangeLinkPredictor(Map<String, Double> rangeByProfileM) {
        this.rangeByProfileM = Map.copyOf(rangeByProfileM);
    }

    /** Adds a wall from (lat1, lon1) to (lat2, lon2). */
    RangeLinkPredictor wall(double lat1, double lon1, double lat2, double lon2) {
        walls.add(new double[] {lat1, lon1, lat2, lon2});
        return this;
    }

    @Override
    public PredictedLink predict(Site a, Site b) {
        double d = Math.max(1.0, a.position().distanceM(b.position()));
        double obstacle = 0;
        for (double[] w : walls) {
            if (crosses(a.position(), b.position(), w)) {
                obstacle += WALL_LOSS_DB;
            }
        }
        return new PredictedLink(margin(a, d) - obstacle, margin(b, d) - obstacle);
    }

    private double margin(Site transmitter, double d) {
        Double range = rangeByProfileM.get(transmitter.radioProfile());
        if (range == null) {
            throw new IllegalArgumentException("unknown radio profile " + transmitter.radioProfile());
        }
        return 20 * Math.log10(range / d);
    }

    private static boolean crosses(GeoPoint p, GeoPoint q, double[] w) {
        double d1 = side(w[0], w[1], w[2], w[3], p.lat(), p.lon());
        double d2 = side(w[0], w[1], w[2], w[3], q.lat(), q.lon());
        double d3 = side(p.lat(), p.lon(), q.lat(), q.lon(), w[0], w[1]);
        double d4 = side(p.lat(), p.lon(), q.lat(), q.lon(), w[2], w[3]);
        return d1 * d2 < 0 && d3 * d4 < 0;
    }

    private static double side(double ax, double ay, double bx, double by, double px, double py) {
        return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    }
}
