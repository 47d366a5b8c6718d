package org.rescuemesh.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rescuemesh.agent.link.LinkSourceSpec.Tool;

class LinkSourceSpecTest {

    @Test
    void defaultsToNoTool() {
        LinkSourceSpec none = LinkSourceSpec.parse(null, null, 5000);
        assertThat(none.isNone()).isTrue();
        assertThat(none.open("bat0", "wlan0")).isEmpty();
        assertThat(LinkSourceSpec.parse("none", null, 5000).isNone()).isTrue();
    }

    @Test
    void runsTheDocumentedCommandsOnTheGivenInterfaces() {
        LinkSourceSpec both = LinkSourceSpec.parse("batctl, IW", null, 2000);
        assertThat(both.tools()).containsExactly(Tool.BATCTL, Tool.IW);
        List<CommandLinkSource> sources = both.open("bat1", "mesh0");
        try {
            assertThat(sources).extracting(s -> s.counts().command())
                    .containsExactly("batctl meshif bat1 o -n", "iw dev mesh0 station dump");
        } finally {
            sources.forEach(CommandLinkSource::close);
        }
        assertThat(both.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(LinkSourceSpec.parse("iw", null, 60_000).timeout()).isEqualTo(CommandLinkSource.DEFAULT_TIMEOUT);
    }

    @Test
    void theCommandOverrideReplacesTheOneTool() {
        LinkSourceSpec spec = LinkSourceSpec.parse("batctl", "  ssh  router batctl o -n ", 5000);
        List<CommandLinkSource> sources = spec.open("bat0", "wlan0");
        try {
            assertThat(sources).singleElement().satisfies(s -> {
                assertThat(s.counts().command()).isEqualTo("ssh router batctl o -n");
                assertThat(s.name()).isEqualTo("batctl originators");
            });
        } finally {
            sources.forEach(CommandLinkSource::close);
        }
        assertThat(spec.describe()).isEqualTo("batctl (`ssh router batctl o -n`) every 5000 ms");
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> LinkSourceSpec.parse("olsr", null, 5000)).hasMessageContaining("--link-source")
                .hasMessageContaining("olsr");
        assertThatThrownBy(() -> LinkSourceSpec.parse("none,iw", null, 5000)).hasMessageContaining("--link-source");
        assertThatThrownBy(() -> LinkSourceSpec.parse("batctl,iw", "cat x", 5000)).hasMessageContaining("--link-command");
        assertThatThrownBy(() -> LinkSourceSpec.parse("none", "cat x", 5000)).hasMessageContaining("--link-command");
        assertThatThrownBy(() -> LinkSourceSpec.parse("iw", "   ", 5000)).hasMessageContaining("--link-command");
        assertThatThrownBy(() -> LinkSourceSpec.parse("iw", null, 10)).hasMessageContaining("--link-interval-ms");
    }
}
