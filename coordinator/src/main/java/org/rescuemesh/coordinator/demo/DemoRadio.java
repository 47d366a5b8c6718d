package org.rescuemesh.coordinator.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rescuemesh.agent.HostPort;
import org.rescuemesh.agent.NodeAgent;
import org.rescuemesh.agent.link.LinkSample;
import org.rescuemesh.agent.link.MacAddress;
import org.rescuemesh.agent.link.MacDirectory;
import org.rescuemesh.coordinator.Coordinator;
import org.rescuemesh.coordinator.planning.PlanningContext;
import org.rescuemesh.gossip.transport.SwimMesh;
import org.rescuemesh.planner.radio.RadioCatalogue;
import org.rescuemesh.planner.relay.GeoPoint;
import org.rescuemesh.planner.relay.LinkPredictor;
import org.rescuemesh.planner.relay.Site;
import org.rescuemesh.proto.v1.GeoPosition;

/**
 * The demo's radio. The simulated field runs on loopback, where everyone hears everyone
 * perfectly; every few seconds this predicts (ITM over the demo terrain, from where each searcher
 * stands now) who would hear whom with the teams' UHF handhelds, and makes the gossip behave so:
 * no traffic between islands of the mesh, frame loss on weak links, and each agent's "link tool"
 * reports the neighbours its radio hears, with the predicted signal — as batctl would. So the map
 * shows radio links by quality, a team walking behind a ridge drops out, and the planner has
 * something to plan.
 */
public final class DemoRadio implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DemoRadio.class.getName());
    static final Duration ROUND = Duration.ofSeconds(5);

    private final LinkPredictor predictor;
    private final List<NodeAgent> agents;
    private final Coordinator post;
    private final String postId;
    private final Site postSite;
    private final double sensitivityDbm = RadioCatalogue.byName(DemoTerrain.RADIO).sensitivityDbm();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-radio");
        t.setDaemon(true);
        return t;
    });
    private volatile RadioNeighbourhood last;

    private DemoRadio(LinkPredictor predictor, List<NodeAgent> agents, Coordinator post, String postId,
                      PlanningContext context) {
        this.predictor = predictor;
        this.agents = List.copyOf(agents);
        this.post = post;
        this.postId = postId;
        this.postSite = new Site(context.commandPost(), context.commandPostHeightM(), DemoTerrain.RADIO);
    }

    /** Predicts the first round now (before anyone joins) and then every {@link #ROUND}. */
    public static DemoRadio start(LinkPredictor predictor, FieldTeams field, Coordinator post, String postId,
                                  PlanningContext context) {
        DemoRadio radio = new DemoRadio(predictor, field.agents(), post, postId, context);
        radio.round();
        radio.thread.scheduleWithFixedDelay(radio::round, ROUND.toMillis(), ROUND.toMillis(), TimeUnit.MILLISECONDS);
        return radio;
    }

    /** The last prediction, or null before the first round. */
    public RadioNeighbourhood neighbourhood() {
        return last;
    }

    private void round() {
        try {
            Map<String, Site> sites = new LinkedHashMap<>();
            Map<String, String> address = new HashMap<>();
            Map<String, MacAddress> mac = new HashMap<>();
            sites.put(postId, postSite);
            address.put(postId, HostPort.format(post.gossipAddress()));
            mac.put(postId, FieldTeams.COMMAND_POST_MAC);
            for (NodeAgent a : agents) {
                GeoPosition p = a.currentState().hasPosition() ? a.currentState().getPosition() : null;
                if (p == null) {
                    continue;
                }
                String id = a.identity().id();
                sites.put(id, new Site(new GeoPoint(p.getLatDeg(), p.getLonDeg()), PlanningContext.HANDHELD_HEIGHT_M,
                        DemoTerrain.RADIO));
                address.put(id, ((SwimMesh) a.mesh()).address());
                mac.put(id, a.meshMacs().get(0));
            }
            RadioNeighbourhood n = RadioNeighbourhood.predict(sites, predictor);
            long now = System.currentTimeMillis();
            post.simulateRadio(unreachable(n, postId, address), loss(n, postId, address));
            for (NodeAgent a : agents) {
                String id = a.identity().id();
                if (!sites.containsKey(id)) {
                    continue;
                }
                SwimMesh mesh = (SwimMesh) a.mesh();
                mesh.blockPeers(unreachable(n, id, address));
                mesh.simulateOutboundLoss(loss(n, id, address));
                Map<String, LinkSample> heard = new HashMap<>();
                n.neighbours(id).forEach((peer, margin) -> {
                    String peerMac = mac.get(peer).toString();
                    heard.put(peerMac, new LinkSample(peerMac, "uhf0", OptionalDouble.of(Math.round(sensitivityDbm + margin)),
                            OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), OptionalDouble.empty(),
                            Optional.of(Duration.ZERO)));
                });
                a.radioLinks().accept(heard, MacDirectory.of(mesh.members(), id, a.meshMacs()), now);
            }
            if (last == null || last.islands() != n.islands()) {
                LOG.info("demo radio: " + n.islands() + (n.islands() == 1 ? " island (everyone reachable)"
                        : " islands of the mesh (some teams cut off)"));
            }
            last = n;
        } catch (RuntimeException e) {
            // A failed round keeps the previous radio picture; the next one tries again.
            LOG.log(Level.WARNING, "demo radio round failed", e);
        }
    }

    private static Set<String> unreachable(RadioNeighbourhood n, String from, Map<String, String> address) {
        Set<String> out = new HashSet<>();
        address.forEach((id, addr) -> {
            if (!id.equals(from) && !n.connected(from, id)) {
                out.add(addr);
            }
        });
        return out;
    }

    private static Map<String, Double> loss(RadioNeighbourhood n, String from, Map<String, String> address) {
        Map<String, Double> out = new HashMap<>();
        n.neighbours(from).forEach((peer, margin) -> {
            double loss = RadioNeighbourhood.frameLoss(margin);
            if (loss > 0) {
                out.put(address.get(peer), loss);
            }
        });
        return out;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
