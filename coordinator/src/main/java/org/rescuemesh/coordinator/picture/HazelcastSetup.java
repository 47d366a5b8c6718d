package org.rescuemesh.coordinator.picture;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;

/**
 * Builds the embedded Hazelcast member. Joining is TCP-IP only: multicast is off because field
 * networks rarely carry it and a stray member must never join by accident.
 */
public final class HazelcastSetup {

    private HazelcastSetup() {
    }

    /**
     * @param clusterPort port of this member (5701 by default; the next free one is taken if busy)
     * @param members     other members host:port; empty for a single embedded member
     */
    public static HazelcastInstance start(String clusterName, String bindHost, int clusterPort, List<String> members) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getNetworkConfig().setPort(clusterPort).setPortAutoIncrement(true).setPortCount(20);
        config.getNetworkConfig().getInterfaces().setEnabled(bindHost != null).addInterface(bindHost == null ? "127.0.0.1" : bindHost);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(members.isEmpty() ? List.of(
                (bindHost == null ? "127.0.0.1" : bindHost)) : members);
        config.addMapConfig(new MapConfig(HazelcastPictureStore.NODES).setBackupCount(1));
        return Hazelcast.newHazelcastInstance(config);
    }
}
