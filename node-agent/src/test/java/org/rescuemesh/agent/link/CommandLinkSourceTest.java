package org.rescuemesh.agent.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rescuemesh.agent.link.CommandLinkSource.PollOutcome;

/** Runs real processes: /bin/sh and cat stand in for batctl and iw. */
class CommandLinkSourceTest {

    @TempDir
    Path dir;

    private Path fixtureFile(String name) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, LinkFixtures.read(name));
        return file;
    }

    private static CommandLinkSource iwLike(List<String> command, Duration timeout) {
        return new CommandLinkSource("iw station dump", command, output -> {
            LinkParse<WifiStation> parsed = IwStationDumpParser.parse(output);
            return new LinkParse<>(parsed.rows().stream().map(WifiStation::toSample).toList(), parsed.skippedLines());
        }, timeout);
    }

    @Test
    void parsesTheOutputOfARealProcess() throws Exception {
        try (CommandLinkSource source = iwLike(List.of("cat", fixtureFile("iw-station-dump-mesh.txt").toString()),
                Duration.ofSeconds(5))) {
            assertThat(source.poll()).isEqualTo(PollOutcome.OK);
            assertThat(source.latest()).containsOnlyKeys("02:ba:7a:df:00:02", "02:ba:7a:df:00:03", "02:ba:7a:df:00:05");
            assertThat(source.latest().get("02:ba:7a:df:00:03").rssiDbm()).hasValue(-82);
        }
    }

    @Test
    void aMissingToolDisablesTheSourceWithoutThrowing() {
        try (CommandLinkSource missing = new CommandLinkSource("batctl neighbours",
                List.of("rescuemesh-no-such-tool-" + ProcessHandle.current().pid(), "n"),
                output -> new LinkParse<>(List.of(), 0), Duration.ofSeconds(1))) {
            assertThat(missing.poll()).isEqualTo(PollOutcome.DISABLED);
            assertThat(missing.isDisabled()).isTrue();
            assertThat(missing.poll()).isEqualTo(PollOutcome.DISABLED);
            assertThat(missing.latest()).isEmpty();
            java.util.concurrent.ScheduledThreadPoolExecutor scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
            try {
                missing.start(scheduler, Duration.ofMillis(10));
                assertThat(scheduler.getQueue()).as("a disabled source does not schedule itself").isEmpty();
            } finally {
                scheduler.shutdownNow();
            }
        }
    }

    @Test
    void factoriesRunTheDocumentedCommands() {
        // Whatever this machine has installed, polling the real tools never throws.
        for (CommandLinkSource real : List.of(CommandLinkSource.batctlNeighbours("rmtest0"),
                CommandLinkSource.batctlOriginators("rmtest0"), CommandLinkSource.iwStationDump("rmtest0"))) {
            try (real) {
                assertThat(real.poll()).isIn(PollOutcome.DISABLED, PollOutcome.FAILED);
                assertThat(real.latest()).isEmpty();
            }
        }
    }

    @Test
    void aFailingRunClearsSamplesAndTheNextGoodRunRestoresThem() throws Exception {
        Path script = dir.resolve("flaky.sh");
        Path flag = dir.resolve("interface-up");
        Path fixture = fixtureFile("iw-station-dump-ibss.txt");
        Files.writeString(script, "if [ -e '" + flag + "' ]; then cat '" + fixture + "'; else "
                + "echo 'command failed: No such device (-19)' >&2; exit 237; fi\n");
        try (CommandLinkSource source = iwLike(List.of("sh", script.toString()), Duration.ofSeconds(5))) {
            assertThat(source.poll()).isEqualTo(PollOutcome.FAILED);
            assertThat(source.isDisabled()).isFalse();
            assertThat(source.latest()).isEmpty();
            Files.createFile(flag);
            assertThat(source.poll()).isEqualTo(PollOutcome.OK);
            assertThat(source.latest()).hasSize(2);
            Files.delete(flag);
            assertThat(source.poll()).isEqualTo(PollOutcome.FAILED);
            assertThat(source.latest()).isEmpty();
        }
    }

    @Test
    void aHangingToolIsKilledAtTheTimeout() {
        try (CommandLinkSource source = iwLike(List.of("sh", "-c", "sleep 30"), Duration.ofMillis(300))) {
            long started = System.nanoTime();
            assertThat(source.poll()).isEqualTo(PollOutcome.TIMED_OUT);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(source.isDisabled()).isFalse();
        }
    }

    @Test
    void pollsPeriodicallyOnASchedulerAndMergesSources() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        Path originators = fixtureFile("batctl-o-batman-iv.txt");
        try (CommandLinkSource iw = iwLike(List.of("cat", fixtureFile("iw-station-dump-mesh.txt").toString()),
                Duration.ofSeconds(5));
             CommandLinkSource batman = new CommandLinkSource("batctl originators", List.of("cat", originators.toString()),
                     output -> new LinkParse<>(BatctlParser.directLinks(BatctlParser.originators(output).rows()), 0),
                     Duration.ofSeconds(5))) {
            iw.start(scheduler, Duration.ofMillis(50));
            batman.start(scheduler, Duration.ofMillis(50));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> !iw.latest().isEmpty() && !batman.latest().isEmpty());
            iw.stop();
            batman.stop();
            var merged = CommandLinkSource.mergeLatest(List.of(iw, batman));
            assertThat(merged.get("02:ba:7a:df:00:02").batmanTq()).hasValue(251);
            assertThat(merged.get("02:ba:7a:df:00:02").rssiDbm()).hasValue(-57);
            assertThat(merged.get("02:ba:7a:df:00:04").rssiDbm()).as("batman-only neighbour").isEmpty();
            assertThat(merged.get("02:ba:7a:df:00:05").batmanTq()).as("wifi-only station").isEmpty();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
