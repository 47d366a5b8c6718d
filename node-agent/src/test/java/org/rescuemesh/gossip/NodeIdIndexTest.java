package org.rescuemesh.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeIdIndexTest {

    @Test
    void slotsAreDenseStableAndFoundByEqualIds() {
        NodeIdIndex index = new NodeIdIndex();
        for (int i = 0; i < 5_000; i++) {
            assertThat(index.slotOf("node-" + i)).isEqualTo(i);
        }
        assertThat(index.size()).isEqualTo(5_000);
        for (int i = 0; i < 5_000; i++) {
            String id = new String("node-" + i); // equal, not the same String
            assertThat(index.find(id)).isEqualTo(i);
            assertThat(index.slotOf(id)).isEqualTo(i);
            assertThat(index.idOf(i)).isEqualTo(id);
        }
        assertThat(index.find("node-5000")).isEqualTo(-1);
        assertThat(index.find("")).isEqualTo(-1);
        assertThat(index.size()).isEqualTo(5_000);
    }
}
