package org.rescuemesh.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeIdentityTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alpha-07", "usar.team_2:relay-9", "Z", "0"})
    void acceptsTheDocumentedAlphabetUpTo64Characters(String id) {
        assertThat(NodeIdentity.isValid(id)).isTrue();
        assertThat(NodeIdentity.require(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "alpha 07", "a/b", "a\\b", "ä", "é", "a@b", "a#1", "tab\t", "new\nline", "emoji😀",
            "../etc", "a\u0000"})
    void refusesEverythingElse(String id) {
        assertThat(NodeIdentity.isValid(id)).as("'%s'", id).isFalse();
    }

    @Test
    void refusesNullAndTooLong() {
        assertThat(NodeIdentity.isValid(null)).isFalse();
        assertThat(NodeIdentity.isValid("x".repeat(65))).isFalse();
        assertThat(NodeIdentity.isValid("x".repeat(64))).isTrue();
        assertThatThrownBy(() -> NodeIdentity.require("x".repeat(65))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..64 characters");
    }
}
