package org.rescuemesh.coordinator.picture;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.partition.IPartitionService;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.MapEntries;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.spi.impl.AbstractDistributedObject;
import com.hazelcast.spi.impl.NodeEngine;
import com.hazelcast.spi.impl.operationservice.Operation;
import com.hazelcast.spi.impl.operationservice.OperationService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Multi-key sets as one Hazelcast {@code putAll} operation per partition, each sent as its own
 * invocation.
 *
 * <p>Why not {@code putAll}/{@code setAll}/{@code submitToKeys}/{@code executeOnKeys}: those send
 * one partition-iterating operation per member, which runs the per-partition operations locally
 * and answers with their results without waiting for their backups (the per-partition operations
 * are not invocations of their own, so their backup acknowledgements are dropped). Their future
 * can complete before any backup exists, and a member killed at that moment loses writes that
 * were acknowledged — which the three-member kill test showed. An operation invoked on its
 * partition directly is an ordinary invocation: its future completes only after the synchronous
 * backups acknowledged, exactly like a single-key {@code set}, but it carries every key of the
 * batch that lives in the partition. The classes used here are Hazelcast internals (5.3), the ones
 * {@code IMap.putAll} itself uses for batches.
 */
final class PartitionedWrites {

    private final HazelcastInstance hz;
    private final NodeEngine engine;
    private final SerializationService serialization;
    private final IPartitionService partitions;
    private final OperationService operations;

    PartitionedWrites(HazelcastInstance hz, IMap<?, ?> anyMap) {
        this.hz = hz;
        this.engine = ((AbstractDistributedObject<?>) anyMap).getNodeEngine();
        this.serialization = engine.getSerializationService();
        this.partitions = engine.getPartitionService();
        this.operations = engine.getOperationService();
    }

    /** The outcome of a batch: per-key results and the members that own the written partitions once it completed. */
    record Outcome<R>(Map<String, R> results, Set<Member> owners) {
    }

    /** Sets every entry, one {@code putAll} operation per partition invoked on its own. */
    CompletableFuture<Set<Member>> setAll(String map, Map<String, byte[]> entries) {
        Map<Integer, MapEntries> byPartition = new HashMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Data k = serialization.toData(e.getKey());
            int p = partitions.getPartitionId(k);
            byPartition.computeIfAbsent(p, x -> new MapEntries(16)).add(k, serialization.toData(e.getValue()));
        }
        MapService service = engine.getService(MapService.SERVICE_NAME);
        var provider = service.getMapServiceContext().getMapOperationProvider(map);
        List<CompletableFuture<Object>> calls = new ArrayList<>(byPartition.size());
        for (Map.Entry<Integer, MapEntries> e : byPartition.entrySet()) {
            Operation op = provider.createPutAllOperation(map, e.getValue(), false);
            calls.add(HazelcastPictureStore.direct(operations.invokeOnPartitionAsync(MapService.SERVICE_NAME, op, e.getKey())));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(v -> owners(byPartition.keySet()));
    }

    /** The members owning the partitions of {@code keys} now. */
    Set<Member> ownersOfKeys(Set<String> keys) {
        Set<Integer> ids = new HashSet<>();
        for (String k : keys) {
            ids.add(partitions.getPartitionId(serialization.toData(k)));
        }
        return owners(ids);
    }

    private Set<Member> owners(Set<Integer> partitionIds) {
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
}
