package org.rescuemesh.agent.relay;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rescuemesh.agent.mesh.MemberView;
import org.rescuemesh.proto.v1.GossipMessage;
import org.rescuemesh.proto.v1.RelayMessage;

/**
 * The relay core on a thread of its own (journal writes block; the gossip loop must not): the
 * local API submits and queries through it, the gossip loop hands it relay traffic, and it ticks
 * on a timer and soon after membership changes or arrivals.
 */
public final class RelayService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RelayService.class.getName());
    /** Margin for the codec (AES-GCM sealing adds 29 B plus framing) when packing datagrams. */
    static final int CODEC_MARGIN_BYTES = 64;

    private final RelayCore core;
    private final MessageJournal journal;
    private final Supplier<List<MemberView>> members;
    private final RelayLink link;
    private final int frameBudget;
    private final LongSupplier clock;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean tickSoon = new AtomicBoolean();
    private final List<Consumer<StoredMessage>> submitted = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, org.rescuemesh.proto.v1.NodeStatus> statuses = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param members        the membership as the gossip layer sees it now (may block briefly)
     * @param maxFrameBytes  the gossip profile's datagram size
     */
    public RelayService(RelayCore core, MessageJournal journal, Supplier<List<MemberView>> members, RelayLink link,
                        int maxFrameBytes, LongSupplier clock) {
        this.core = core;
        this.journal = journal;
        this.members = members;
        this.link = link;
        this.frameBudget = maxFrameBytes - CODEC_MARGIN_BYTES
                - org.rescuemesh.gossip.FrameBudget.envelopeHeaderBytes(core.selfId());
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "relay-" + core.selfId());
            t.setDaemon(true);
            return t;
        });
    }

    /** Ticks every {@code tickMs} from now on. */
    public void start(long tickMs) {
        thread.scheduleWithFixedDelay(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    /** Persists a message from the local API; completes once it is on disk. */
    public CompletableFuture<StoredMessage> submit(RelayMessage draft) {
        CompletableFuture<StoredMessage> done = call(() -> core.submit(draft, clock.getAsLong()));
        done.thenRun(this::tickSoon);
        done.thenAccept(m -> submitted.forEach(l -> {
            try {
                l.accept(m);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener of submitted messages failed", e);
            }
        }));
        return done;
    }

    /**
     * Tells {@code listener} of every message this node sends, once it is on disk (on the relay's
     * thread: it must not block) — how a gateway to another network (TAK, Meshtastic) hears what
     * the command post says.
     */
    public void onSubmitted(Consumer<StoredMessage> listener) {
        submitted.add(listener);
    }

    /**
     * A message that arrived over another network straight from its origin (see {@link
     * RelayCore#onGateway}); completes once it is on disk, exceptionally with an
     * {@link IllegalArgumentException} naming a broken rule or an {@link IOException}.
     */
    public CompletableFuture<StoredMessage> acceptFromGateway(RelayMessage message) {
        CompletableFuture<StoredMessage> done = call(() -> core.onGateway(message, clock.getAsLong()));
        done.thenRun(this::tickSoon);
        return done;
    }

    /** Relay or receipt from the gossip loop (sender id as in its envelope); never blocks the caller. */
    public void onMessage(String senderId, GossipMessage message) {
        execute(() -> {
            long now = clock.getAsLong();
            if (message.hasRelay()) {
                send(core.onRelay(senderId, message.getRelay(), now));
            } else if (message.hasReceipt()) {
                core.onReceipt(senderId, message.getReceipt(), now);
            }
        });
        tickSoon();
    }

    /**
     * A member changed. Only a change of status (came back, went away) is worth deciding again
     * before the next tick; state refreshes arrive every second from everyone.
     */
    public void memberChanged(MemberView member) {
        if (statuses.put(member.id(), member.status()) != member.status()) {
            tickSoon();
        }
    }

    public CompletableFuture<Optional<StoredMessage>> message(String id) {
        return call(() -> core.message(id));
    }

    public CompletableFuture<List<StoredMessage>> inbound() {
        return call(core::inbound);
    }

    public CompletableFuture<List<StoredMessage>> outbound() {
        return call(core::outbound);
    }

    public CompletableFuture<RelayStats> stats() {
        return call(core::stats);
    }

    public long nowMs() {
        return clock.getAsLong();
    }

    private void tickSoon() {
        if (tickSoon.compareAndSet(false, true)) {
            try {
                thread.schedule(() -> {
                    tickSoon.set(false);
                    tick();
                }, 20, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                tickSoon.set(false);
            }
        }
    }

    private void tick() {
        List<MemberView> now;
        try {
            now = members.get();
        } catch (RuntimeException e) {
            // the mesh is closing or not started yet: nothing can be handed over anyway
            LOG.log(Level.FINE, "no membership for this relay tick", e);
            return;
        }
        try {
            send(core.tick(now, clock.getAsLong()));
        } catch (RuntimeException e) {
            // the mesh may be closing, or a bug: the next tick tries again
            LOG.log(Level.WARNING, "relay tick failed", e);
        }
    }

    private void send(List<RelayOut> outs) {
        for (Map.Entry<String, List<List<GossipMessage>>> e : RelayFrames.pack(outs, frameBudget).entrySet()) {
            for (List<GossipMessage> frame : e.getValue()) {
                link.send(e.getKey(), frame);
            }
        }
    }

    private void execute(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "relay step failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.fine("relay closed; dropped an arrival");
        }
    }

    private <T> CompletableFuture<T> call(Callable<T> c) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    f.complete(c.call());
                } catch (Exception e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(new IOException("the message store is closed"));
        }
        return f;
    }

    /** Stops the thread and closes the journal (everything acknowledged is already on disk). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            journal.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the journal", e);
        }
    }
}
