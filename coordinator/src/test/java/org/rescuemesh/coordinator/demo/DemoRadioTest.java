package org.rescuemesh.coordinator.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rescuemesh.agent.NodeAgent;
import org.rescuemesh.coordinator.Coordinator;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.planning.PlanningContext;
import org.rescuemesh.gossip.wire.Keyring;
import org.rescuemesh.planner.relay.PredictedLink;
import org.rescuemesh.proto.v1.LinkReport;
import org.rescuemesh.proto.v1.NodeState;

/**
 * The demo's radio on real loopback gossip: a coordinator and six field agents, with a predictor
 * under which only links to the command post close (a star). Each agent then reports exactly one
 * link — to the command post, named by the MAC the command post gossips, with the predicted
 * signal — although every agent still answers every other agent's probes.
 */
class DemoRadioTest {

    private Coordinator coordinator;
    private FieldTeams field;
    private DemoRadio radio;

    @AfterEach
    void stop() {
        if (radio != null) {
            radio.close();
        }
        if (field != null) {
            field.close();
        }
        if (coordinator != null) {
            coordinator.close();
        }
    }

    @Test
    void agentsReportOnlyTheNeighboursTheirRadioHears() throws Exception {
        DemoTerrain terrain = DemoTerrain.generate(3, SearchArea.DEMO);
        PlanningContext context = terrain.planningContext();
        Keyring keys = Keyring.of(new byte[32]);
        coordinator = Coordinator.start(new Coordinator.Settings("cp-radio", "127.0.0.1", 0, 0,
                new InetSocketAddress("127.0.0.1", 0), List.of(), "rescuemesh-radio-" + ProcessHandle.current().pid(),
                16700, List.of(), TokenRegistry.single("radio-token", "test")).withMissionKeys(keys)
                .withMeshMacs(List.of(FieldTeams.COMMAND_POST_MAC)), context);
        field = FieldTeams.start(6, "127.0.0.1", 0, coordinator.gossipAddress(), 5, terrain, keys, null);
        // everyone joins while loopback is still ideal
        await().atMost(Duration.ofSeconds(20)).until(() -> field.agents().stream()
                .allMatch(a -> a.mesh().members().size() == 7 && a.currentState().hasPosition()));

        radio = DemoRadio.start((a, b) -> {
            boolean toPost = a.position().equals(context.commandPost()) || b.position().equals(context.commandPost());
            return toPost ? new PredictedLink(12, 9) : new PredictedLink(-20, -20);
        }, field, coordinator, "cp-radio", context);

        assertThat(radio.neighbourhood().islands()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (NodeAgent a : field.agents()) {
                NodeState s = a.currentState();
                assertThat(s.getLinksList()).as(a.identity().id()).extracting(LinkReport::getPeerId)
                        .containsExactly("cp-radio");
                LinkReport toPost = s.getLinks(0);
                assertThat(toPost.getHasRssi()).isTrue();
                // uhf-handheld sensitivity + the worse direction's 9 dB
                assertThat(toPost.getRssiDbm()).isEqualTo(Math.round(
                        org.rescuemesh.planner.radio.RadioCatalogue.byName(DemoTerrain.RADIO).sensitivityDbm() + 9));
            }
        });
        Optional<NodeAgent> any = field.agents().stream().findFirst();
        assertThat(any).isPresent();
        assertThat(radio.neighbourhood().neighbours(any.get().identity().id())).containsOnlyKeys("cp-radio");
    }
}
