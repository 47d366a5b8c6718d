package org.rescuemesh.agent.cli;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Contents of {@code agent.yaml}. Every key is optional; flags override it. Unknown keys are an
 * error so a typo does not silently fall back to a default.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class AgentSettings {
    public String id;
    public String name;
    public String team = "unassigned";
    /** Gossip endpoint host:port. */
    public String bind = "0.0.0.0:7946";
    /** Local API host:port; "off" disables it. */
    public String api = "127.0.0.1:7070";
    /** Comma-separated gossip seeds host:port. */
    public String seeds = "";
    public String keyFile;
    /** Durable state (the message journal); null: agent-data/ID under the working directory. */
    public String dataDir;
    /** Position source: static:LAT,LON[,ALT_M] | gpsd[:HOST[:PORT]] | nmea:PATH | walk:SEED:S,W,N,E. */
    public String position;
    public String radioProfile = "wifi-mesh-2.4";
    /** Gossip profile: lan or lora. */
    public String profile = "lan";
    static final long DEFAULT_REPORT_INTERVAL_MS = 1000;
    static final long LORA_REPORT_INTERVAL_MS = 300_000;
    /** How often the agent refreshes its own state, milliseconds (lan 1 s, lora 5 min by default). */
    public long reportIntervalMs = DEFAULT_REPORT_INTERVAL_MS;

    /** Mesh radio interface (bat0, wlan0, mesh0) whose MACs are gossiped; null: every physical interface. */
    public String meshInterface;
    /** Comma-separated MACs to gossip instead of discovering them. */
    public String meshMacs;
    /** Link tools polled for radio figures: none, batctl, iw or batctl,iw. */
    public String linkSource = "none";
    /** Replacement command line of the one link tool (no shell; split on blanks). */
    public String linkCommand;
    /** Time between link tool polls, milliseconds. */
    public long linkIntervalMs = org.rescuemesh.agent.link.LinkSourceSpec.DEFAULT_INTERVAL_MS;

    static AgentSettings load(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        AgentSettings s = yaml.readValue(file.toFile(), AgentSettings.class);
        return s == null ? new AgentSettings() : s;
    }
}
