package org.rescuemesh.coordinator.auth;

import java.util.Set;

/** An authenticated caller: the agency a token belongs to and what it may do. */
public record Principal(String agency, Set<Scope> scopes) {

    public boolean may(Scope scope) {
        return scopes.contains(Scope.ADMIN) || scopes.contains(scope);
    }
}
