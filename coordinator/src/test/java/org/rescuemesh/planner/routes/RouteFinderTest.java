package org.rescuemesh.planner.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteFinderTest {

    /** Builds a graph of measured links from "a-b:etx" strings. */
    private static LinkGraph measured(String... links) {
        List<MeasuredLink> reports = new ArrayList<>();
        for (String link : links) {
            String[] ends = link.split("[-:]");
            reports.add(new MeasuredLink(ends[0], ends[1], Double.parseDouble(ends[2])));
        }
        return LinkGraph.fuse(List.of("cp"), reports, List.of());
    }

    @Test
    void bestIsCheapestAndBackupAvoidsItsRelays() {
        LinkGraph graph = measured("s-a:1", "a-cp:1", "s-b:2", "b-cp:2", "a-b:1.5", "s-c:1", "c-a:1");

        RoutePair pair = new RouteFinder(graph).routes("s", "cp");

        assertThat(pair.best().hops()).containsExactly("s", "a", "cp");
        assertThat(pair.best().totalEtx()).isEqualTo(2.0);
        assertThat(pair.backup().hops()).containsExactly("s", "b", "cp");
        assertThat(pair.backup().totalEtx()).isEqualTo(4.0);
        assertThat(pair.disjointness()).isEqualTo(Disjointness.NODE_DISJOINT);

        List<org.rescuemesh.proto.v1.RelayRoute> messages = RouteMessages.toProto(pair);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).getHopsList()).containsExactly("s", "a", "cp");
        assertThat(messages.get(0).getBackup()).isFalse();
        assertThat(messages.get(1).getBackup()).isTrue();
        assertThat(messages.get(1).getTotalEtx()).isEqualTo(4.0);
    }

    @Test
    void trapTopologyGetsTheDisjointPairInsteadOfNoBackup() {
        // Shortest s-a-b-t (3) blocks every alternative; s-a-x-t and s-y-b-t are disjoint (7 each).
        LinkGraph graph = measured("s-a:1", "a-b:1", "b-t:1", "a-x:3", "x-t:3", "s-y:3", "y-b:3");

        RoutePair pair = new RouteFinder(graph).routes("s", "t");

        assertThat(pair.disjointness()).isEqualTo(Disjointness.NODE_DISJOINT);
        assertThat(Set.of(pair.best().hops(), pair.backup().hops()))
                .containsExactlyInAnyOrder(List.of("s", "a", "x", "t"), List.of("s", "y", "b", "t"));
        assertThat(pair.best().totalEtx()).isEqualTo(7.0);
        assertThat(pair.backup().totalEtx()).isEqualTo(7.0);
    }

    @Test
    void throughACutVertexOnlyAnEdgeDisjointBackupExists() {
        LinkGraph graph = measured("s-m:1", "m-t:1", "s-a:1", "a-m:1", "m-b:1", "b-t:1");

        RoutePair pair = new RouteFinder(graph).routes("s", "t");

        assertThat(pair.best().hops()).containsExactly("s", "m", "t");
        assertThat(pair.backup().hops()).containsExactly("s", "a", "m", "b", "t");
        assertThat(pair.disjointness()).isEqualTo(Disjointness.EDGE_DISJOINT);
    }

    @Test
    void chainHasNoBackupAndSeparatedNodesNoRoute() {
        LinkGraph graph = LinkGraph.fuse(List.of("cp", "lost"),
                List.of(new MeasuredLink("s", "m", 1.2), new MeasuredLink("m", "cp", 1.1)), List.of());
        RouteFinder finder = new RouteFinder(graph);

        RoutePair chain = finder.routes("s", "cp");
        assertThat(chain.best().hops()).containsExactly("s", "m", "cp");
        assertThat(chain.best().totalEtx()).isCloseTo(2.3, within(1e-12));
        assertThat(chain.backup()).isNull();
        assertThat(chain.disjointness()).isEqualTo(Disjointness.NONE);

        RoutePair none = finder.routes("lost", "cp");
        assertThat(none.reachable()).isFalse();
        assertThat(finder.routesTo("cp")).containsOnlyKeys("lost", "m", "s");
    }

    @Test
    void unknownNodesAreRefused() {
        RouteFinder finder = new RouteFinder(measured("a-cp:1"));
        assertThatThrownBy(() -> finder.routes("ghost", "cp"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown node ghost");
        assertThatThrownBy(() -> finder.routes("cp", "cp"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itself");
    }

    @Test
    void cutVerticesAndBridgesOfTwoTrianglesJoinedByALink() {
        // Triangles a-b-c and d-e-f, bridge c-d, pendant g on f.
        LinkGraph graph = measured("a-b:1", "b-c:1", "c-a:1", "d-e:1", "e-f:1", "f-d:1", "c-d:1", "f-g:1");

        SinglePointsOfFailure spof = graph.singlePointsOfFailure();

        assertThat(spof.cutVertices()).containsExactly("c", "d", "f");
        assertThat(spof.bridges()).hasSize(2);
        assertThat(spof.bridges()).anyMatch(link -> link.joins("c", "d"));
        assertThat(spof.bridges()).anyMatch(link -> link.joins("f", "g"));
        // "cp" was added as an isolated node: a partition of its own.
        assertThat(graph.partitions()).hasSize(2);
        assertThat(graph.partitions().get(0)).hasSize(7);
    }
}
