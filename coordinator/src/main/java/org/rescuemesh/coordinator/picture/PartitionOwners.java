package org.rescuemesh.coordinator.picture;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.partition.IPartitionService;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.impl.AbstractDistributedObject;
import com.hazelcast.spi.impl.NodeEngine;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Partitions of plain string keys (the node map's keys) and the members owning them, and one
 * <em>tag</em> per partition: a short string without {@code @} that lives in that partition.
 * A track segment's key ends in {@code @<tag>}, and the segment map partitions by what follows the
 * {@code @} (Hazelcast's string partitioning strategy), so a segment lands in the partition of the
 * nodes whose points it holds whatever characters their ids contain.
 */
final class PartitionOwners {

    private final HazelcastInstance hz;
    private final SerializationService serialization;
    private final IPartitionService partitions;
    private final com.hazelcast.spi.impl.operationservice.OperationService operations;
    private final String[] tags;

    PartitionOwners(HazelcastInstance hz, IMap<?, ?> anyMap) {
        this.hz = hz;
        NodeEngine engine = ((AbstractDistributedObject<?>) anyMap).getNodeEngine();
        this.serialization = engine.getSerializationService();
        this.partitions = engine.getPartitionService();
        this.operations = engine.getOperationService();
        this.tags = new String[partitions.getPartitionCount()];
        int found = 0;
        // ~ n ln n strings for n partitions (about 1,800 for 271): computed once per member.
        for (long i = 0; found < tags.length; i++) {
            String tag = "p" + Long.toString(i, 36);
            int p = partitionOf(tag);
            if (tags[p] == null) {
                tags[p] = tag;
                found++;
            }
        }
    }

    int count() {
        return tags.length;
    }

    /** The partition of a plain string key (as the node map places it). */
    int partitionOf(String key) {
        return partitionOf(keyOf(key));
    }

    /** A plain string key serialized as the node map stores it (what its partition is computed from). */
    Data keyOf(String key) {
        return serialization.toData(key);
    }

    int partitionOf(Data key) {
        return partitions.getPartitionId(key);
    }

    /**
     * Invokes {@code op} on the owner of partition {@code p} as an invocation of its own: its
     * future completes once the owner ran it and its synchronous backups acknowledged (or fails),
     * on a {@link HazelcastPictureStore#direct} callback thread. Hazelcast re-invokes it on the new
     * owner when the owner leaves before answering.
     */
    <T> java.util.concurrent.CompletableFuture<T> invoke(int p, com.hazelcast.spi.impl.operationservice.Operation op) {
        return HazelcastPictureStore.direct(operations.<T>invokeOnPartitionAsync(
                com.hazelcast.map.impl.MapService.SERVICE_NAME, op, p));
    }

    /** A value Hazelcast returned serialized (an operation's per-key result). */
    <T> T read(Data value) {
        return serialization.toObject(value);
    }

    /** A string that lives in partition {@code p} (a segment key's part after its {@code @}). */
    String tag(int p) {
        return tags[p];
    }

    /** The members owning the partitions {@code partitionIds} now. */
    Set<Member> owners(Collection<Integer> partitionIds) {
        Set<Address> addresses = new HashSet<>();
        for (int p : partitionIds) {
            Address a = partitions.getPartitionOwner(p);
            if (a != null) {
                addresses.add(a);
            }
        }
        Set<Member> out = new HashSet<>();
        for (Member m : hz.getCluster().getMembers()) {
            if (addresses.contains(m.getAddress())) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Who owns each of {@code partitionIds} now (null for a partition without an owner): compared
     * before and after a write, it says whether an owner changed while the write ran.
     */
    Map<Integer, Address> ownerOfEach(Collection<Integer> partitionIds) {
        Map<Integer, Address> out = new HashMap<>();
        for (int p : partitionIds) {
            out.put(p, partitions.getPartitionOwner(p));
        }
        return out;
    }

    /** True when this member owns partition {@code p} now. */
    boolean ownedHere(int p) {
        Address a = partitions.getPartitionOwner(p);
        return a != null && a.equals(hz.getCluster().getLocalMember().getAddress());
    }
}
