package org.rescuemesh.agent.link;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.rescuemesh.agent.mesh.MemberView;

/**
 * Drives the link tools on a thread of their own (a slow {@code batctl} never delays gossip or
 * state reports): each interval it runs every source once, combines their samples per MAC,
 * resolves the MACs against what the members gossip and hands the round to {@link RadioLinks}.
 * Nothing here stops the agent: tool failures are the sources' to count and log; a membership
 * snapshot that cannot be had skips the round with one log line.
 */
public final class LinkPoller implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LinkPoller.class.getName());

    private final List<CommandLinkSource> sources;
    private final Supplier<List<MemberView>> members;
    private final String selfId;
    private final List<MacAddress> ownMacs;
    private final RadioLinks radioLinks;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private String lastProblem;

    /**
     * @param members  membership snapshot (the mesh's {@code members()})
     * @param ownMacs  this node's MACs: a tool row naming one of them is not a peer
     */
    public LinkPoller(List<CommandLinkSource> sources, Supplier<List<MemberView>> members, String selfId,
                      List<MacAddress> ownMacs, RadioLinks radioLinks, Clock clock) {
        this.sources = List.copyOf(sources);
        this.members = members;
        this.selfId = selfId;
        this.ownMacs = List.copyOf(ownMacs);
        this.radioLinks = radioLinks;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "link-sources");
            t.setDaemon(true);
            return t;
        });
    }

    /** Polls now and then every {@code interval} (measured from the end of one round). */
    public void start(Duration interval) {
        thread.scheduleWithFixedDelay(this::pollRound, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round, on the caller's thread. */
    public void pollRound() {
        try {
            for (CommandLinkSource source : sources) {
                source.poll();
            }
            Map<String, LinkSample> samples = CommandLinkSource.mergeLatest(sources);
            MacDirectory directory = MacDirectory.of(members.get(), selfId, ownMacs);
            radioLinks.accept(samples, directory, clock.millis());
            lastProblem = null;
        } catch (RuntimeException e) {
            // Scheduled tasks that throw are cancelled silently: keep the poller alive instead.
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem)) {
                LOG.log(System.Logger.Level.WARNING, "link source round skipped: {0}", problem);
                lastProblem = problem;
            }
        }
    }

    public List<CommandLinkSource.Counts> sourceCounts() {
        return sources.stream().map(CommandLinkSource::counts).toList();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sources.forEach(CommandLinkSource::close);
    }
}
