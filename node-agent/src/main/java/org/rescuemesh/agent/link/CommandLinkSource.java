package org.rescuemesh.agent.link;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a link tool ({@code batctl}, {@code iw}) every interval and keeps the per-peer samples of
 * its last successful run. A tool that cannot be started (not installed, not executable) disables
 * the source with one clear log line; a failing or hanging run is logged (once per distinct
 * problem), killed after the timeout, and retried next interval. Nothing here throws to the
 * caller.
 */
public final class CommandLinkSource implements AutoCloseable {

    /** How one poll ended. */
    public enum PollOutcome { OK, FAILED, TIMED_OUT, DISABLED }

    /**
     * Running totals of one source, for the agent's API: how many runs ended which way and how
     * many output lines were not understood (a tool version we do not know shows up here).
     */
    public record Counts(String name, String command, long ok, long failed, long timedOut, boolean disabled,
                         long unparsedLines) {
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** Station dumps of a busy mesh are tens of KiB; anything far beyond is not the tool we know. */
    static final int MAX_OUTPUT_BYTES = 1 << 20;

    private static final System.Logger LOG = System.getLogger(CommandLinkSource.class.getName());

    private final String name;
    private final List<String> command;
    private final Function<String, LinkParse<LinkSample>> parser;
    private final Duration timeout;
    private final ExecutorService pipeReaders = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "link-tool-pipe");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, LinkSample> latest = Map.of();
    private volatile boolean disabled;
    private volatile PollOutcome lastOutcome;
    private String lastProblem;
    private ScheduledFuture<?> task;
    private long okRuns;
    private long failedRuns;
    private long timedOutRuns;
    private long unparsedLines;

    /**
     * @param name    what the samples are, for logs ("batctl neighbours")
     * @param command program and arguments, run without a shell
     * @param parser  tool output to samples
     */
    public CommandLinkSource(String name, List<String> command, Function<String, LinkParse<LinkSample>> parser,
                             Duration timeout) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command must name a program");
        }
        this.name = name;
        this.command = List.copyOf(command);
        this.parser = parser;
        this.timeout = timeout;
    }

    /** {@code batctl meshif IF n -n}: neighbours with last-seen (and BATMAN_V throughput). */
    public static CommandLinkSource batctlNeighbours(String meshInterface) {
        return new CommandLinkSource("batctl neighbours", List.of("batctl", "meshif", meshInterface, "n", "-n"),
                output -> {
                    LinkParse<BatmanNeighbour> parsed = BatctlParser.neighbours(output);
                    return new LinkParse<>(parsed.rows().stream().map(BatmanNeighbour::toSample).toList(),
                            parsed.skippedLines());
                }, DEFAULT_TIMEOUT);
    }

    /** {@code batctl meshif IF o -n}: TQ (IV) or throughput (V) of the direct routes. */
    public static CommandLinkSource batctlOriginators(String meshInterface) {
        return batctlOriginators(batctlOriginatorsCommand(meshInterface), DEFAULT_TIMEOUT);
    }

    public static List<String> batctlOriginatorsCommand(String meshInterface) {
        return List.of("batctl", "meshif", meshInterface, "o", "-n");
    }

    /** Any command printing a {@code batctl o} table (a wrapper script, ssh to the router, …). */
    public static CommandLinkSource batctlOriginators(List<String> command, Duration timeout) {
        return new CommandLinkSource("batctl originators", command,
                output -> {
                    LinkParse<BatmanOriginator> parsed = BatctlParser.originators(output);
                    return new LinkParse<>(BatctlParser.directLinks(parsed.rows()), parsed.skippedLines());
                }, timeout);
    }

    /** {@code iw dev IF station dump}: signal, bitrates, inactive time. */
    public static CommandLinkSource iwStationDump(String wifiInterface) {
        return iwStationDump(iwStationDumpCommand(wifiInterface), DEFAULT_TIMEOUT);
    }

    public static List<String> iwStationDumpCommand(String wifiInterface) {
        return List.of("iw", "dev", wifiInterface, "station", "dump");
    }

    /** Any command printing an {@code iw station dump}. */
    public static CommandLinkSource iwStationDump(List<String> command, Duration timeout) {
        return new CommandLinkSource("iw station dump", command,
                output -> {
                    LinkParse<WifiStation> parsed = IwStationDumpParser.parse(output);
                    return new LinkParse<>(parsed.rows().stream().map(WifiStation::toSample).toList(),
                            parsed.skippedLines());
                }, timeout);
    }

    /** Polls now and then every {@code interval} on the given scheduler. */
    public synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
        if (task != null || disabled) {
            return;
        }
        task = scheduler.scheduleWithFixedDelay(() -> {
            if (poll() == PollOutcome.DISABLED) {
                stop();
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    @Override
    public void close() {
        stop();
        pipeReaders.shutdownNow();
    }

    /** Runs the tool once, now, and updates {@link #latest()}. */
    public synchronized PollOutcome poll() {
        lastOutcome = runOnce();
        switch (lastOutcome) {
            case OK -> okRuns++;
            case FAILED -> failedRuns++;
            case TIMED_OUT -> timedOutRuns++;
            case DISABLED -> {
                // counted once, as the disabled flag
            }
        }
        return lastOutcome;
    }

    public synchronized Counts counts() {
        return new Counts(name, String.join(" ", command), okRuns, failedRuns, timedOutRuns, disabled, unparsedLines);
    }

    private PollOutcome runOnce() {
        if (disabled) {
            return PollOutcome.DISABLED;
        }
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException | RuntimeException e) {
            disabled = true;
            latest = Map.of();
            LOG.log(System.Logger.Level.WARNING, "{0} disabled: cannot run `{1}` ({2}); install {3} or leave this "
                    + "link source off", name, String.join(" ", command), e.getMessage(), command.get(0));
            return PollOutcome.DISABLED;
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()), pipeReaders);
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()), pipeReaders);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                latest = Map.of();
                problem("`" + String.join(" ", command) + "` did not finish within " + timeout.toMillis() + " ms; killed");
                return PollOutcome.TIMED_OUT;
            }
            byte[] out = stdout.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            byte[] err = stderr.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (process.exitValue() != 0) {
                latest = Map.of();
                String message = new String(err, StandardCharsets.UTF_8).strip();
                problem("`" + String.join(" ", command) + "` exited " + process.exitValue()
                        + (message.isEmpty() ? "" : ": " + firstLine(message)));
                return PollOutcome.FAILED;
            }
            if (out.length > MAX_OUTPUT_BYTES) {
                latest = Map.of();
                problem("`" + String.join(" ", command) + "` printed more than " + MAX_OUTPUT_BYTES + " B; ignored");
                return PollOutcome.FAILED;
            }
            LinkParse<LinkSample> parsed = parser.apply(new String(out, StandardCharsets.UTF_8));
            Map<String, LinkSample> byPeer = new LinkedHashMap<>();
            for (LinkSample sample : parsed.rows()) {
                byPeer.merge(sample.peerAddress(), sample, LinkSample::combine);
            }
            latest = Map.copyOf(byPeer);
            unparsedLines += parsed.skippedLines();
            if (parsed.skippedLines() > 0) {
                problem(parsed.skippedLines() + " line(s) of `" + String.join(" ", command)
                        + "` not understood (tool version?)");
            } else if (lastProblem != null) {
                LOG.log(System.Logger.Level.INFO, "{0} working again", name);
                lastProblem = null;
            }
            return PollOutcome.OK;
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return PollOutcome.FAILED;
        } catch (ExecutionException | TimeoutException | IOException | RuntimeException e) {
            kill(process);
            latest = Map.of();
            problem("`" + String.join(" ", command) + "` failed: " + e);
            return PollOutcome.FAILED;
        }
    }

    private void problem(String problem) {
        if (!problem.equals(lastProblem)) {
            LOG.log(System.Logger.Level.WARNING, "{0}: {1}", name, problem);
            lastProblem = problem;
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads a pipe to its end, keeping at most one byte more than the limit. */
    private static byte[] drain(InputStream in) {
        try (in) {
            byte[] kept = in.readNBytes(MAX_OUTPUT_BYTES + 1);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return kept;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Samples of the last successful run, by peer address; empty after a failure. */
    public Map<String, LinkSample> latest() {
        return latest;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public PollOutcome lastOutcome() {
        return lastOutcome;
    }

    public String name() {
        return name;
    }

    /** Combines the latest samples of several sources per peer (earlier sources win per field). */
    public static Map<String, LinkSample> mergeLatest(Collection<CommandLinkSource> sources) {
        Map<String, LinkSample> merged = new LinkedHashMap<>();
        List<CommandLinkSource> ordered = new ArrayList<>(sources);
        for (CommandLinkSource source : ordered) {
            for (LinkSample sample : source.latest().values()) {
                merged.merge(sample.peerAddress(), sample, LinkSample::combine);
            }
        }
        return merged;
    }
}
