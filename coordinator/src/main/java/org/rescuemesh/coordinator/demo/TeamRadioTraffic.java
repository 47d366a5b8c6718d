package org.rescuemesh.coordinator.demo;

import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.rescuemesh.agent.NodeAgent;
import org.rescuemesh.agent.relay.RelayService;
import org.rescuemesh.proto.v1.MessagePriority;
import org.rescuemesh.proto.v1.NodeState;
import org.rescuemesh.proto.v1.RelayMessage;

/**
 * What the demo's teams say over the mesh: every couple of minutes a team reports its progress
 * to the command post, and early on one searcher raises an SOS with its position — so the map's
 * message panel has something real (sent through the agents' own message stores) to show.
 */
public final class TeamRadioTraffic implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TeamRadioTraffic.class.getName());
    private static final String[] REPORTS = {
        "sector sweep 40 % done, nothing found", "sector sweep 70 % done, road blocked by a landslide",
        "two residents evacuated to the school", "need water and batteries at the staging point",
        "collapsed house searched, no one inside", "moving to the east half of the sector"};

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-radio-traffic");
        t.setDaemon(true);
        return t;
    });
    private final List<NodeAgent> agents;
    private final List<RelayService> relays;
    private final SplittableRandom random;

    private TeamRadioTraffic(FieldTeams teams, long seed) {
        this.agents = teams.agents();
        this.relays = teams.relays();
        this.random = new SplittableRandom(seed);
    }

    /** Starts the traffic: an SOS after {@code sosAfterS}, then a team report every {@code reportEveryS}. */
    public static TeamRadioTraffic start(FieldTeams teams, long seed, long sosAfterS, long reportEveryS) {
        TeamRadioTraffic traffic = new TeamRadioTraffic(teams, seed);
        if (!traffic.relays.isEmpty()) {
            traffic.timer.schedule(traffic::sos, sosAfterS, TimeUnit.SECONDS);
            traffic.timer.scheduleWithFixedDelay(traffic::report, reportEveryS / 2, reportEveryS, TimeUnit.SECONDS);
        }
        return traffic;
    }

    private void sos() {
        int i = random.nextInt(relays.size());
        RelayMessage.Builder m = draft("casualty found: one adult, leg injury, needs stretcher team",
                MessagePriority.MESSAGE_PRIORITY_SOS);
        NodeState state = agents.get(i).currentState();
        if (state.hasPosition()) {
            m.setPosition(state.getPosition());
        }
        send(i, m.build());
    }

    private void report() {
        int i = random.nextInt(relays.size());
        send(i, draft(REPORTS[random.nextInt(REPORTS.length)], MessagePriority.MESSAGE_PRIORITY_ROUTINE).build());
    }

    private static RelayMessage.Builder draft(String text, MessagePriority priority) {
        return RelayMessage.newBuilder().setMessageId(UUID.randomUUID().toString()).setTo("coordinator")
                .setText(text).setPriority(priority).setLifetimeS(3600);
    }

    private void send(int agent, RelayMessage m) {
        relays.get(agent).submit(m).whenComplete((stored, e) -> {
            if (e != null) {
                LOG.warning("demo message from " + agents.get(agent).identity().id() + " not stored: " + e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
