package org.rescuemesh.planner.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;
import org.rescuemesh.planner.coverage.SampleCells;
import org.rescuemesh.planner.coverage.SearchAreaSampler;

/**
 * Proposes up to k relay sites: first chains that reconnect cut-off nodes to the command post,
 * then the candidates that add the most covered search area.
 *
 * <p>All predictions are made once up front (links between every pair of nodes and candidates
 * within range, and the covered-cell set of every node and candidate, in parallel); the two
 * selection phases then work on bitsets only.
 *
 * <p><b>Connectivity repair</b> is the iterated shortest-path Steiner heuristic: in the graph
 * of predicted links, entering an unplaced candidate costs 1 and entering a node or placed
 * relay costs 0 (plus a tiny per-hop cost to prefer short chains among equally many relays).
 * From the command post's component, Dijkstra finds for each cut-off component the chain
 * needing the fewest relays; the cheapest chain that fits the remaining budget is placed
 * (ties: the larger component), the command post's component grows, and this repeats. A chain
 * may pass through other cut-off nodes and so reconnect several components at once.
 *
 * <p><b>Max coverage</b> is lazy greedy: each step places the candidate with the largest newly
 * covered area among those with a link to the command post's component (a relay nobody can
 * reach covers nothing useful). Coverage is submodular, so stale gains in the priority queue
 * are upper bounds and only the top needs re-evaluation; greedy reaches at least (1 − 1/e) of
 * the optimum for the candidates it may use. Plain greedy is blind to a large area behind a
 * candidate that is not linked yet, so each step also looks one relay ahead: a linked
 * candidate plus an unlinked one behind it is placed as a pair when their joint gain per relay
 * beats the best single candidate. It stops early when no candidate adds area.
 *
 * <p>Stateless and thread-safe; each {@link #plan} call uses its own worker pool.
 */
public final class RelayPlanner {

    /** Per-hop tie-breaker; far below 1 relay even over a chain through every vertex. */
    private static final double HOP_COST = 1e-6;
    private static final int SOURCE = -1;

    private final LinkPredictor predictor;
    private final CellCoverage cellCoverage;
    private final RelayPlanOptions options;

    public RelayPlanner(LinkPredictor predictor, CellCoverage cellCoverage, RelayPlanOptions options) {
        if (predictor == null || cellCoverage == null || options == null) {
            throw new IllegalArgumentException("link predictor, cell coverage and options are required");
        }
        this.predictor = predictor;
        this.cellCoverage = cellCoverage;
        this.options = options;
    }

    public RelayPlan plan(RelayPlanRequest request) {
        return plan(request, ProgressListener.NONE, Cancellation.create());
    }

    /**
     * Computes the plan.
     *
     * @throws CancellationException when {@code cancellation} is cancelled meanwhile
     * @throws IllegalArgumentException on unusable input (e.g. search areas too large for the
     *                                  cell spacing)
     */
    public RelayPlan plan(RelayPlanRequest request, ProgressListener progress, Cancellation cancellation) {
        if (request == null || progress == null || cancellation == null) {
            throw new IllegalArgumentException("request, progress listener and cancellation are required");
        }
        SampleCells cells = SearchAreaSampler.sample(request.searchAreas(), options.cellSpacingM());
        Workspace ws = new Workspace(request, cells);
        ForkJoinPool pool = new ForkJoinPool(options.parallelism());
        try {
            predictLinks(ws, pool, progress, cancellation);
            predictCellCoverage(ws, pool, progress, cancellation);
        } finally {
            pool.shutdownNow();
        }
        return select(ws, request.maxRelays(), progress, cancellation);
    }

    // ---------------------------------------------------------------- predictions

    private void predictLinks(Workspace ws, ForkJoinPool pool, ProgressListener progress, Cancellation cancellation) {
        int v = ws.vertexCount;
        BitSet[] upper = new BitSet[v];
        runParallel(pool, v, i -> {
            BitSet row = new BitSet(v);
            for (int j = i + 1; j < v; j++) {
                cancellation.throwIfCancelled();
                if (ws.sites[i].position().distanceM(ws.sites[j].position()) > options.maxLinkRangeM()) {
                    continue;
                }
                if (predictor.predict(ws.sites[i], ws.sites[j]).closes(options.requiredLinkMarginDb())) {
                    row.set(j);
                }
            }
            upper[i] = row;
        }, PlanPhase.LINKS, progress, cancellation);
        for (int i = 0; i < v; i++) {
            for (int j = upper[i].nextSetBit(0); j >= 0; j = upper[i].nextSetBit(j + 1)) {
                ws.adjacency[i].set(j);
                ws.adjacency[j].set(i);
            }
        }
        for (ObservedLink link : ws.request.observedLinks()) {
            int a = ws.indexOf.get(link.nodeA());
            int b = ws.indexOf.get(link.nodeB());
            ws.adjacency[a].set(b);
            ws.adjacency[b].set(a);
        }
    }

    private void predictCellCoverage(Workspace ws, ForkJoinPool pool, ProgressListener progress,
                                     Cancellation cancellation) {
        runParallel(pool, ws.vertexCount, i -> {
            BitSet covered = cellCoverage.coveredCells(ws.sites[i], ws.cells, cancellation);
            ws.cover[i] = CellBits.of(covered, ws.cells.size());
        }, PlanPhase.CELL_COVERAGE, progress, cancellation);
    }

    /** Runs body(0..n-1) on the pool, reporting progress, propagating cancellation and errors. */
    private static void runParallel(ForkJoinPool pool, int n, IntConsumer body, PlanPhase phase,
                                    ProgressListener progress, Cancellation cancellation) {
        AtomicLong done = new AtomicLong();
        Object progressLock = new Object();
        try {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(i -> {
                body.accept(i);
                synchronized (progressLock) {
                    // Counted under the lock so the listener sees done rise monotonically.
                    progress.onProgress(phase, done.incrementAndGet(), n);
                }
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.cancel();
            throw new CancellationException("interrupted while " + phase);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
        cancellation.throwIfCancelled();
    }

    // ---------------------------------------------------------------- selection

    private RelayPlan select(Workspace ws, int k, ProgressListener progress, Cancellation cancellation) {
        ws.refreshConnected();
        double coveredBefore = ws.coveredFraction();
        int componentsBefore = ws.countComponents();
        List<String> cutOffBefore = ws.cutOffNodeIds();

        List<RelayProposal> proposals = new ArrayList<>();
        repairConnectivity(ws, k, proposals, progress, cancellation);
        maximiseCoverage(ws, k, proposals, progress, cancellation);
        return new RelayPlan(ws.cells.totalAreaM2(), ws.cells.size(), coveredBefore, componentsBefore, cutOffBefore,
                proposals, ws.cutOffNodeIds());
    }

    private void repairConnectivity(Workspace ws, int k, List<RelayProposal> proposals, ProgressListener progress,
                                    Cancellation cancellation) {
        List<List<Integer>> unreachable = new ArrayList<>();
        while (proposals.size() < k) {
            cancellation.throwIfCancelled();
            List<List<Integer>> cutOff = ws.cutOffComponents();
            cutOff.removeIf(component -> unreachable.stream().anyMatch(u -> u.containsAll(component)));
            if (cutOff.isEmpty()) {
                return;
            }
            ShortestPathAlgorithm.SingleSourcePaths<Integer, DefaultWeightedEdge> paths =
                    new DijkstraShortestPath<>(relayCostGraph(ws)).getPaths(SOURCE);
            Chain best = null;
            int budget = k - proposals.size();
            for (List<Integer> component : cutOff) {
                Chain chain = cheapestChain(ws, paths, component);
                if (chain == null || chain.relays.size() > budget) {
                    unreachable.add(component);
                    continue;
                }
                if (best == null || chain.isBetterThan(best)) {
                    best = chain;
                }
            }
            if (best == null) {
                return;
            }
            if (best.relays.isEmpty()) {
                // Cannot happen while connected is the closure over active vertices; guards the
                // loop against spinning forever should that invariant ever break.
                unreachable.add(best.component);
                continue;
            }
            List<String> targets = best.component.stream().map(i -> ws.ids[i]).toList();
            for (int relay : best.relays) {
                proposals.add(place(ws, relay, ProposalReason.RECONNECT, targets, proposals.size() + 1));
                progress.onProgress(PlanPhase.CONNECTIVITY_REPAIR, proposals.size(), k);
            }
        }
    }

    /** Directed graph of predicted links where an arc's weight is the cost of entering its head. */
    private static Graph<Integer, DefaultWeightedEdge> relayCostGraph(Workspace ws) {
        Graph<Integer, DefaultWeightedEdge> graph = new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        graph.addVertex(SOURCE);
        for (int i = 0; i < ws.vertexCount; i++) {
            graph.addVertex(i);
        }
        for (int i = 0; i < ws.vertexCount; i++) {
            if (ws.connected.get(i)) {
                graph.setEdgeWeight(graph.addEdge(SOURCE, i), 0);
            }
            for (int j = ws.adjacency[i].nextSetBit(0); j >= 0; j = ws.adjacency[i].nextSetBit(j + 1)) {
                if (ws.connected.get(j)) {
                    continue; // never useful to re-enter the command post's component
                }
                double enter = (ws.isActive(j) ? 0 : 1) + HOP_COST;
                graph.setEdgeWeight(graph.addEdge(i, j), enter);
            }
        }
        return graph;
    }

    private static Chain cheapestChain(Workspace ws, ShortestPathAlgorithm.SingleSourcePaths<Integer,
            DefaultWeightedEdge> paths, List<Integer> component) {
        Chain best = null;
        for (int target : component) {
            double weight = paths.getWeight(target);
            if (Double.isInfinite(weight)) {
                continue;
            }
            GraphPath<Integer, DefaultWeightedEdge> path = paths.getPath(target);
            List<Integer> relays = new ArrayList<>();
            for (int vertex : path.getVertexList()) {
                if (vertex != SOURCE && !ws.isActive(vertex)) {
                    relays.add(vertex);
                }
            }
            Chain chain = new Chain(component, relays, weight);
            if (best == null || chain.isBetterThan(best)) {
                best = chain;
            }
        }
        return best;
    }

    private record Chain(List<Integer> component, List<Integer> relays, double weight) {
        boolean isBetterThan(Chain other) {
            if (relays.size() != other.relays.size()) {
                return relays.size() < other.relays.size();
            }
            if (component.size() != other.component.size()) {
                return component.size() > other.component.size();
            }
            if (weight != other.weight) {
                return weight < other.weight;
            }
            return component.get(0) < other.component.get(0);
        }
    }

    /** A candidate's newly covered area as of the {@code evaluatedAt}-th placement. */
    private record Gain(int vertex, double areaM2, int evaluatedAt) {
    }

    /** A linked candidate that unlocks an unlinked one, and what both add together. */
    private record LinkedPair(Gain linker, Gain target, double areaM2) {
    }

    private void maximiseCoverage(Workspace ws, int k, List<RelayProposal> proposals, ProgressListener progress,
                                  Cancellation cancellation) {
        PriorityQueue<Gain> queue = new PriorityQueue<>(
                Comparator.comparingDouble(Gain::areaM2).reversed().thenComparingInt(Gain::vertex));
        for (int v = ws.firstCandidate; v < ws.vertexCount; v++) {
            if (!ws.isActive(v)) {
                queue.add(new Gain(v, CellBits.newArea(ws.cover[v], ws.covered, ws.cells), proposals.size()));
            }
        }
        List<Gain> unlinked = new ArrayList<>();
        while (proposals.size() < k) {
            cancellation.throwIfCancelled();
            Gain single = bestLinkedSingle(ws, queue, unlinked, proposals.size());
            double singleArea = single == null ? 0 : single.areaM2;
            LinkedPair pair = k - proposals.size() >= 2 ? bestLinkedPair(ws, unlinked, singleArea) : null;
            if (pair != null && pair.areaM2 / 2 > singleArea) {
                if (single != null) {
                    queue.add(single); // still an upper bound of its gain
                }
                queue.removeIf(g -> g.vertex == pair.linker.vertex);
                unlinked.remove(pair.target);
                proposals.add(place(ws, pair.linker.vertex, ProposalReason.LINK,
                        List.of(ws.ids[pair.target.vertex]), proposals.size() + 1));
                proposals.add(place(ws, pair.target.vertex, ProposalReason.COVERAGE, List.of(), proposals.size() + 1));
            } else if (single != null && single.areaM2 > 0) {
                proposals.add(place(ws, single.vertex, ProposalReason.COVERAGE, List.of(), proposals.size() + 1));
            } else {
                return; // nothing linked to the mesh adds coverage any more
            }
            progress.onProgress(PlanPhase.MAX_COVERAGE, proposals.size(), k);
            // A new relay may give previously unlinked candidates their first link to the mesh.
            for (var it = unlinked.iterator(); it.hasNext(); ) {
                Gain waiting = it.next();
                if (ws.linksToConnected(waiting.vertex)) {
                    queue.add(waiting);
                    it.remove();
                }
            }
        }
    }

    /**
     * Lazy greedy step: the linked candidate with the largest fresh gain, removed from the queue
     * (null when none is linked). Unlinked candidates met on the way move to {@code unlinked}.
     */
    private static Gain bestLinkedSingle(Workspace ws, PriorityQueue<Gain> queue, List<Gain> unlinked, int placements) {
        while (!queue.isEmpty()) {
            Gain top = queue.poll();
            if (!ws.linksToConnected(top.vertex)) {
                unlinked.add(top);
            } else if (top.evaluatedAt != placements) {
                queue.add(new Gain(top.vertex, CellBits.newArea(ws.cover[top.vertex], ws.covered, ws.cells), placements));
            } else {
                return top;
            }
        }
        return null;
    }

    /**
     * One step of look-ahead: the best (linked candidate, unlinked candidate behind it) pair
     * whose average gain per relay beats {@code singleArea}. An unlinked candidate's stale gain
     * bounds what it adds, and the linker adds at most {@code singleArea}, so only candidates
     * whose bound exceeds {@code singleArea} can qualify.
     */
    private static LinkedPair bestLinkedPair(Workspace ws, List<Gain> unlinked, double singleArea) {
        LinkedPair best = null;
        for (Gain target : unlinked) {
            if (target.areaM2 <= singleArea) {
                continue;
            }
            BitSet neighbours = ws.adjacency[target.vertex];
            for (int l = neighbours.nextSetBit(ws.firstCandidate); l >= 0; l = neighbours.nextSetBit(l + 1)) {
                if (ws.isActive(l) || !ws.linksToConnected(l)) {
                    continue;
                }
                double area = CellBits.newAreaOfUnion(ws.cover[l], ws.cover[target.vertex], ws.covered, ws.cells);
                if (area / 2 > singleArea && (best == null || area > best.areaM2)) {
                    best = new LinkedPair(new Gain(l, 0, -1), target, area);
                }
            }
        }
        return best;
    }

    private static RelayProposal place(Workspace ws, int vertex, ProposalReason reason, List<String> targets, int rank) {
        List<String> linkedTo = new ArrayList<>();
        for (int j = ws.adjacency[vertex].nextSetBit(0); j >= 0; j = ws.adjacency[vertex].nextSetBit(j + 1)) {
            if (ws.connected.get(j)) {
                linkedTo.add(ws.ids[j]);
            }
        }
        BitSet before = (BitSet) ws.connected.clone();
        double areaBefore = CellBits.area(ws.covered, ws.cells);
        ws.placed.set(vertex);
        ws.refreshConnected();
        List<String> reconnected = new ArrayList<>();
        for (int i = ws.connected.nextSetBit(0); i >= 0 && i < ws.firstCandidate; i = ws.connected.nextSetBit(i + 1)) {
            if (!before.get(i)) {
                reconnected.add(ws.ids[i]);
            }
        }
        double added = CellBits.area(ws.covered, ws.cells) - areaBefore;
        return new RelayProposal(rank, ws.request.candidates().get(vertex - ws.firstCandidate), ws.sites[vertex], reason,
                targets, reconnected, linkedTo, added, ws.coveredFraction(), ws.countComponents());
    }

    // ---------------------------------------------------------------- state

    /**
     * Vertices 0..firstCandidate-1 are the command post (0) and the nodes; the rest are the
     * candidates in request order. "Active" vertices exist in the mesh: nodes and placed relays.
     */
    private final class Workspace {
        final RelayPlanRequest request;
        final SampleCells cells;
        final int vertexCount;
        final int firstCandidate;
        final String[] ids;
        final Site[] sites;
        final Map<String, Integer> indexOf = new HashMap<>();
        final BitSet[] adjacency;
        final long[][] cover;
        final BitSet placed = new BitSet();
        BitSet connected = new BitSet();
        long[] covered;

        Workspace(RelayPlanRequest request, SampleCells cells) {
            this.request = request;
            this.cells = cells;
            this.firstCandidate = 1 + request.nodes().size();
            this.vertexCount = firstCandidate + request.candidates().size();
            this.ids = new String[vertexCount];
            this.sites = new Site[vertexCount];
            ids[0] = request.commandPost().id();
            sites[0] = request.commandPost().site();
            for (int i = 0; i < request.nodes().size(); i++) {
                ids[i + 1] = request.nodes().get(i).id();
                sites[i + 1] = request.nodes().get(i).site();
            }
            for (int c = 0; c < request.candidates().size(); c++) {
                CandidateSite candidate = request.candidates().get(c);
                ids[firstCandidate + c] = candidate.id();
                sites[firstCandidate + c] = new Site(candidate.position(), options.relayAntennaHeightM(),
                        options.relayProfile());
            }
            for (int i = 0; i < vertexCount; i++) {
                indexOf.put(ids[i], i);
            }
            adjacency = new BitSet[vertexCount];
            for (int i = 0; i < vertexCount; i++) {
                adjacency[i] = new BitSet(vertexCount);
            }
            cover = new long[vertexCount][];
            covered = new long[(cells.size() + 63) >>> 6];
        }

        boolean isActive(int v) {
            return v < firstCandidate || placed.get(v);
        }

        boolean linksToConnected(int v) {
            return adjacency[v].intersects(connected);
        }

        /** Recomputes the command post's component and the area it covers. */
        void refreshConnected() {
            connected = componentOf(0);
            covered = new long[covered.length];
            for (int v = connected.nextSetBit(0); v >= 0; v = connected.nextSetBit(v + 1)) {
                CellBits.addAll(covered, cover[v]);
            }
        }

        BitSet componentOf(int start) {
            BitSet seen = new BitSet(vertexCount);
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            seen.set(start);
            queue.add(start);
            while (!queue.isEmpty()) {
                int v = queue.poll();
                for (int j = adjacency[v].nextSetBit(0); j >= 0; j = adjacency[v].nextSetBit(j + 1)) {
                    if (isActive(j) && !seen.get(j)) {
                        seen.set(j);
                        queue.add(j);
                    }
                }
            }
            return seen;
        }

        /** Components of active vertices other than the command post's, by smallest vertex. */
        List<List<Integer>> cutOffComponents() {
            List<List<Integer>> components = new ArrayList<>();
            BitSet seen = (BitSet) connected.clone();
            for (int v = 0; v < vertexCount; v++) {
                if (isActive(v) && !seen.get(v)) {
                    BitSet component = componentOf(v);
                    seen.or(component);
                    components.add(component.stream().boxed().toList());
                }
            }
            return components;
        }

        int countComponents() {
            return 1 + cutOffComponents().size();
        }

        List<String> cutOffNodeIds() {
            List<String> cutOff = new ArrayList<>();
            for (int v = 1; v < firstCandidate; v++) {
                if (!connected.get(v)) {
                    cutOff.add(ids[v]);
                }
            }
            return cutOff;
        }

        double coveredFraction() {
            double total = cells.totalAreaM2();
            return total == 0 ? 0 : CellBits.area(covered, cells) / total;
        }
    }
}
