package org.rescuemesh.agent.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which link tools the agent polls, as given by {@code --link-source}, {@code --link-command} and
 * {@code --link-interval-ms}: {@code none} (default), {@code batctl}, {@code iw} or
 * {@code batctl,iw}. The command override replaces the one tool's command (run without a shell,
 * split on blanks), so it needs exactly one tool.
 *
 * @param tools    tools to poll, in merge priority order (earlier wins per field)
 * @param command  replacement command for the single tool
 * @param interval time between polls
 */
public record LinkSourceSpec(List<Tool> tools, Optional<List<String>> command, Duration interval) {

    /** A link tool the agent knows how to read. */
    public enum Tool { BATCTL, IW }

    public static final long DEFAULT_INTERVAL_MS = 5_000;
    static final long MIN_INTERVAL_MS = 500;
    static final long MAX_INTERVAL_MS = 3_600_000;
    /** Default batman-adv soft interface and Wi-Fi interface when {@code --mesh-interface} is not given. */
    public static final String DEFAULT_BATMAN_INTERFACE = "bat0";
    public static final String DEFAULT_WIFI_INTERFACE = "wlan0";

    public LinkSourceSpec {
        tools = List.copyOf(tools);
        command = command.map(List::copyOf);
    }

    public static LinkSourceSpec none() {
        return new LinkSourceSpec(List.of(), Optional.empty(), Duration.ofMillis(DEFAULT_INTERVAL_MS));
    }

    /**
     * @param sources    "none", "batctl", "iw" or a comma list of the last two; null: none
     * @param command    replacement command line, or null
     * @param intervalMs poll interval, 500..3600000
     * @throws IllegalArgumentException naming the flag and the accepted values
     */
    public static LinkSourceSpec parse(String sources, String command, long intervalMs) {
        Set<Tool> tools = new LinkedHashSet<>();
        boolean none = false;
        String text = sources == null ? "none" : sources.strip();
        for (String part : text.split(",")) {
            switch (part.strip().toLowerCase(Locale.ROOT)) {
                case "none" -> none = true;
                case "batctl" -> tools.add(Tool.BATCTL);
                case "iw" -> tools.add(Tool.IW);
                default -> throw new IllegalArgumentException("--link-source: unknown source '" + part.strip()
                        + "' (use none, batctl, iw or batctl,iw)");
            }
        }
        if (none && !tools.isEmpty()) {
            throw new IllegalArgumentException("--link-source: 'none' cannot be combined with a tool");
        }
        if (intervalMs < MIN_INTERVAL_MS || intervalMs > MAX_INTERVAL_MS) {
            throw new IllegalArgumentException("--link-interval-ms must be " + MIN_INTERVAL_MS + ".." + MAX_INTERVAL_MS);
        }
        Optional<List<String>> override = Optional.empty();
        if (command != null) {
            List<String> words = new ArrayList<>(Arrays.asList(command.strip().split("\\s+")));
            words.removeIf(String::isEmpty);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("--link-command is empty");
            }
            if (tools.size() != 1) {
                throw new IllegalArgumentException("--link-command replaces one tool's command: give exactly one of "
                        + "--link-source batctl or --link-source iw with it");
            }
            override = Optional.of(words);
        }
        return new LinkSourceSpec(List.copyOf(tools), override, Duration.ofMillis(intervalMs));
    }

    public boolean isNone() {
        return tools.isEmpty();
    }

    /** A hung tool is killed at the next poll's time at the latest, and never waited on beyond 3 s. */
    public Duration timeout() {
        return interval.compareTo(CommandLinkSource.DEFAULT_TIMEOUT) < 0 ? interval : CommandLinkSource.DEFAULT_TIMEOUT;
    }

    /**
     * The commands to run: {@code batctl meshif BAT o -n} (TQ or throughput of the direct
     * routes) and {@code iw dev WIFI station dump} (signal, bitrates), or the override.
     *
     * @param batmanInterface batman-adv soft interface (bat0)
     * @param wifiInterface   Wi-Fi interface whose stations iw lists (wlan0, mesh0)
     */
    public List<CommandLinkSource> open(String batmanInterface, String wifiInterface) {
        List<CommandLinkSource> out = new ArrayList<>();
        for (Tool tool : tools) {
            out.add(switch (tool) {
                case BATCTL -> CommandLinkSource.batctlOriginators(
                        command.orElse(CommandLinkSource.batctlOriginatorsCommand(batmanInterface)), timeout());
                case IW -> CommandLinkSource.iwStationDump(
                        command.orElse(CommandLinkSource.iwStationDumpCommand(wifiInterface)), timeout());
            });
        }
        return out;
    }

    /** "batctl every 5000 ms" for the start-up line. */
    public String describe() {
        if (isNone()) {
            return "none";
        }
        return String.join(",", tools.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).toList())
                + command.map(c -> " (`" + String.join(" ", c) + "`)").orElse("")
                + " every " + interval.toMillis() + " ms";
    }
}
