package org.rescuemesh.coordinator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long S = 1_000_000_000L;

    @Test
    void burstThenRefillAtTheRate() {
        TokenBucket b = new TokenBucket(new RateLimit(100, 200), 0);
        assertThat(b.tryTake(150, 0)).isTrue();
        assertThat(b.tryTake(60, 0)).isFalse();
        assertThat(b.tryTake(50, 0)).isTrue();
        assertThat(b.tryTake(1, 0)).isFalse();
        assertThat(b.tryTake(50, S / 2)).isTrue();
        assertThat(b.tryTake(1, S / 2)).isFalse();
        // Refill never exceeds the burst.
        assertThat(b.tryTake(201, 100 * S)).isFalse();
        assertThat(b.tryTake(200, 100 * S)).isTrue();
    }

    @Test
    void unlimitedAlwaysAllows() {
        TokenBucket b = new TokenBucket(RateLimit.UNLIMITED, 0);
        assertThat(b.tryTake(1e12, 0)).isTrue();
    }

    @Test
    void limitsParseFromTheTokensFile() {
        TokenRegistry r = TokenRegistry.parse(List.of("a feed ingest rate=500/1000", "b ops read"), "t",
                new RateLimit(10, 10));
        assertThat(r.authenticate("Bearer a").orElseThrow().limit()).isEqualTo(new RateLimit(500, 1000));
        assertThat(r.authenticate("Bearer b").orElseThrow().limit()).isEqualTo(new RateLimit(10, 10));
        assertThat(RateLimit.parse("20")).isEqualTo(new RateLimit(20, 20));
        assertThatThrownBy(() -> TokenRegistry.parse(List.of("a feed ingest speed=3"), "t"))
                .hasMessageContaining("t:1").hasMessageContaining("rate=");
        assertThatThrownBy(() -> RateLimit.parse("fast")).hasMessageContaining("RATE");
        assertThatThrownBy(() -> RateLimit.parse("0")).hasMessageContaining("rate > 0");
    }
}
