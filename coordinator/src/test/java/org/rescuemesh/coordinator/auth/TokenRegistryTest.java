package org.rescuemesh.coordinator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRegistryTest {

    @Test
    void parsesTokensWithAgenciesAndScopes() {
        TokenRegistry r = TokenRegistry.parse(List.of("# comment", "", "abc coastguard ingest,read", "xyz ops admin"), "t");
        Principal p = r.authenticate("Bearer abc").orElseThrow();
        assertThat(p.agency()).isEqualTo("coastguard");
        assertThat(p.may(Scope.INGEST)).isTrue();
        assertThat(p.may(Scope.PLAN)).isFalse();
        assertThat(r.authenticate("bearer xyz").orElseThrow().may(Scope.PLAN)).isTrue();
    }

    @Test
    void unknownMissingOrMalformedHeadersAuthenticateNobody() {
        TokenRegistry r = TokenRegistry.single("secret", "demo");
        assertThat(r.authenticate(null)).isEmpty();
        assertThat(r.authenticate("secret")).isEmpty();
        assertThat(r.authenticate("Basic secret")).isEmpty();
        assertThat(r.authenticate("Bearer secre")).isEmpty();
        assertThat(r.authenticate("Bearer secret")).isPresent();
    }

    @Test
    void badFilesAreRefusedWithTheLine() {
        assertThatThrownBy(() -> TokenRegistry.parse(List.of("abc coastguard"), "tokens.txt"))
                .hasMessageContaining("tokens.txt:1");
        assertThatThrownBy(() -> TokenRegistry.parse(List.of("a b ingest", "c d fly"), "tokens.txt"))
                .hasMessageContaining("tokens.txt:2").hasMessageContaining("fly");
        assertThatThrownBy(() -> TokenRegistry.parse(List.of("a b ingest", "a c read"), "f"))
                .hasMessageContaining("duplicate");
        assertThatThrownBy(() -> TokenRegistry.parse(List.of("# only comments"), "f"))
                .hasMessageContaining("no tokens");
    }
}
