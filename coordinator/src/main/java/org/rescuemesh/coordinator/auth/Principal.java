package org.rescuemesh.coordinator.auth;

import java.util.Set;

/**
 * An authenticated caller: the agency a token belongs to, what it may do and how fast.
 *
 * @param tokenId a name of the token that is not the secret (its line in the tokens file), for
 *                rate-limit accounting and logs
 */
public record Principal(String agency, Set<Scope> scopes, String tokenId, RateLimit limit) {

    public Principal(String agency, Set<Scope> scopes) {
        this(agency, scopes, agency, RateLimit.UNLIMITED);
    }

    public boolean may(Scope scope) {
        return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
    }
}
