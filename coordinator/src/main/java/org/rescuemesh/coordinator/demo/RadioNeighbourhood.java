package org.rescuemesh.coordinator.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rescuemesh.planner.relay.LinkPredictor;
import org.rescuemesh.planner.relay.Site;

/**
 * Who hears whom, as the terrain predicts it: the radio links (pairs whose worse direction closes
 * with a margin ≥ 0 dB) between stations at one moment, and the islands they form. A routed mesh
 * (batman-adv, Babel) carries traffic between any two stations of one island over several hops,
 * and between islands not at all. Plain values: fed with positions and a predictor, no I/O.
 */
public final class RadioNeighbourhood {

    /** Stations farther apart than this are not predicted: no handheld link spans it. */
    static final double MAX_RANGE_M = 15_000;

    private final Map<String, Map<String, Double>> neighbours;
    private final Map<String, Integer> island;

    private RadioNeighbourhood(Map<String, Map<String, Double>> neighbours, Map<String, Integer> island) {
        this.neighbours = neighbours;
        this.island = island;
    }

    /** Predicts every pair of {@code sites} (station id → site) within {@link #MAX_RANGE_M}. */
    public static RadioNeighbourhood predict(Map<String, Site> sites, LinkPredictor predictor) {
        List<String> ids = new ArrayList<>(sites.keySet());
        Map<String, Map<String, Double>> neighbours = new LinkedHashMap<>();
        ids.forEach(id -> neighbours.put(id, new LinkedHashMap<>()));
        int[] parent = new int[ids.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < ids.size(); i++) {
            Site a = sites.get(ids.get(i));
            for (int j = i + 1; j < ids.size(); j++) {
                Site b = sites.get(ids.get(j));
                if (a.position().distanceM(b.position()) > MAX_RANGE_M) {
                    continue;
                }
                double margin = predictor.predict(a, b).worstMarginDb();
                if (margin >= 0) {
                    neighbours.get(ids.get(i)).put(ids.get(j), margin);
                    neighbours.get(ids.get(j)).put(ids.get(i), margin);
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        Map<String, Integer> island = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            island.put(ids.get(i), root(parent, i));
        }
        return new RadioNeighbourhood(neighbours, island);
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** The stations {@code id} hears directly, with the link margin in dB (worse direction). */
    public Map<String, Double> neighbours(String id) {
        Map<String, Double> n = neighbours.get(id);
        if (n == null) {
            throw new IllegalArgumentException("unknown station " + id);
        }
        return Map.copyOf(n);
    }

    /** Whether traffic between the two can be routed over the mesh (same island). */
    public boolean connected(String a, String b) {
        Integer ia = island.get(a);
        Integer ib = island.get(b);
        if (ia == null || ib == null) {
            throw new IllegalArgumentException("unknown station " + (ia == null ? a : b));
        }
        return ia.equals(ib);
    }

    /** Number of islands (1: everyone can reach everyone). */
    public int islands() {
        return (int) island.values().stream().distinct().count();
    }

    /**
     * Frame loss on a link with this margin: half the frames at 0 dB, falling tenfold per 10 dB
     * (a fading link loses frames long before it drops); none below 1 %.
     */
    public static double frameLoss(double marginDb) {
        if (!(marginDb >= 0)) {
            return 1;
        }
        double loss = 0.5 * Math.pow(10, -marginDb / 10);
        return loss < 0.01 ? 0 : loss;
    }
}
