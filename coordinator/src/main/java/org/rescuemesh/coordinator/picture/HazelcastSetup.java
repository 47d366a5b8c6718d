package org.rescuemesh.coordinator.picture;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.PartitioningStrategyConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.strategy.StringPartitioningStrategy;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import java.util.List;

/**
 * Builds the embedded Hazelcast member. Joining is TCP-IP only: multicast is off because field
 * networks rarely carry it and a stray member must never join by accident.
 */
public final class HazelcastSetup {

    static final String PROTECTION = "rescuemesh-majority";

    private HazelcastSetup() {
    }

    /**
     * @param clusterPort port of this member (5701 by default; the next free one is taken if busy)
     * @param members     other members host:port; empty for a single embedded member
     * @param durability  backups, split-brain protection and the write mode of {@code db}
     * @param db          this member's database, or null to keep the picture in memory only
     */
    public static HazelcastInstance start(String clusterName, String bindHost, int clusterPort, List<String> members,
                                          Durability durability, PictureDatabase db) {
        Config config = new Config();
        config.setClusterName(clusterName);
        PictureSerialization.register(config);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // Small clusters on a LAN: join fast, notice a dead member within seconds rather than a minute.
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "3");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        // An operation caught on a member that dies gives up after this (the default is a minute,
        // and twice that passed before a stuck write failed): the sender gets UNAVAILABLE and retries.
        config.setProperty("hazelcast.operation.call.timeout.millis", "10000");
        // A write whose primary answered but whose synchronous backup has not acknowledged is
        // released after this long if the primary still counts as a member (Hazelcast's default is
        // 5 s). A primary killed right after answering is only dropped from the member list after
        // max.no.heartbeat (10 s), so with the default the write completed with its only copy on the
        // dead member; waiting longer than the failure detection makes Hazelcast re-invoke it instead.
        config.setProperty("hazelcast.operation.backup.timeout.millis", "20000");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");
        String host = bindHost == null || bindHost.equals("0.0.0.0") ? null : bindHost;
        config.getNetworkConfig().setPort(clusterPort).setPortAutoIncrement(true).setPortCount(20);
        config.getNetworkConfig().getInterfaces().setEnabled(host != null).addInterface(host == null ? "127.0.0.1" : host);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        // A lone member joins nobody: scanning its own host would merge it with any other
        // coordinator there that shares the cluster name (two demos on one laptop, say).
        join.getTcpIpConfig().setEnabled(!members.isEmpty()).setMembers(members);
        if (durability.minClusterSize() >= 2) {
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(PROTECTION, true,
                    durability.minClusterSize()).setProtectOn(SplitBrainProtectionOn.WRITE));
        }
        for (String name : PictureMaps.ALL) {
            MapConfig map = new MapConfig(name)
                    .setBackupCount(durability.backupCount())
                    .setAsyncBackupCount(0)
                    .setMergePolicyConfig(new MergePolicyConfig(LatestVersionMergePolicy.class.getName(), 1000));
            if (durability.minClusterSize() >= 2) {
                map.setSplitBrainProtectionName(PROTECTION);
            }
            if (name.equals(PictureMaps.NODES) || name.equals(PictureMaps.TRACK_SEGMENTS)) {
                // The values are byte arrays already (versioned protobuf, encoded segments): kept as
                // they are, an entry processor reads and replaces the array itself, where the binary
                // format copied it out of Hazelcast's serialized form and back in on every write.
                map.setInMemoryFormat(InMemoryFormat.OBJECT);
            }
            if (name.equals(PictureMaps.TRACK_SEGMENTS)) {
                // On this map only: a segment key "<id>@<tag>" lives in the partition of "<tag>"
                // (PartitionOwners), the partition of the nodes whose points it holds.
                map.setPartitioningStrategyConfig(new PartitioningStrategyConfig(new StringPartitioningStrategy()));
            }
            if (db != null) {
                // Always Hazelcast's write-through call: the store only stages the entry for the
                // member database's next group commit (PictureDatabase), so it costs the partition
                // thread no disk wait. Write-behind (--write-behind-ms > 0) now only means that the
                // acknowledgement does not wait for that commit. Hazelcast's own write-behind queue
                // is not used: with coalescing, a key updated more often than the delay (an asset
                // reporting every few hundred ms) was never written until the writes stopped.
                // Not offloaded (Hazelcast 5.3 hands every MapStore step of an operation to its
                // cached threads and back by default, for stores that block): staging never waits
                // on the disk, so the hand-offs were pure cost.
                map.setMapStoreConfig(new MapStoreConfig().setEnabled(true)
                        .setImplementation(new PictureMapStore(db, name))
                        .setOffload(false)
                        .setWriteDelaySeconds(0)
                        .setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY));
            }
            config.addMapConfig(map);
        }
        if (db != null && durability.writeBehindMs() == 0) {
            // Write-through: acknowledgements wait for this member's group commit (CommitBarrier).
            config.getUserContext().put(CommitBarrier.CONTEXT_KEY, db);
        }
        return Hazelcast.newHazelcastInstance(config);
    }

    /**
     * Merges this member's database into the cluster and keeps it in step with ownership changes
     * from now on. Waits until {@code minClusterSize} members are present (writes are refused
     * before). Returns what must be closed with the member.
     */
    public static AutoCloseable restore(HazelcastInstance hz, PictureDatabase db, int minClusterSize,
                                        long quorumWaitMs) throws Exception {
        long deadline = System.currentTimeMillis() + quorumWaitMs;
        while (hz.getCluster().getMembers().size() < minClusterSize) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("only " + hz.getCluster().getMembers().size() + " of the "
                        + minClusterSize + " members needed for writes joined within " + quorumWaitMs / 1000 + " s");
            }
            Thread.sleep(100);
        }
        PictureResync resync = new PictureResync(hz, db, PictureMaps.ALL);
        resync.install();
        PictureReplay.run(hz, db, PictureMaps.ALL);
        resync.request();
        return resync;
    }
}
