package io.puppetplane.enrollment.operator.service;

import jakarta.enterprise.context.RequestScoped;

import io.puppetplane.enrollment.operator.repository.OperatorRole;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/** The authenticated operator of the current request and where it came from, for the audit trail. */
@RequestScoped
public class CurrentOperator {

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    CurrentOperator(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public String role() {
        return identity.hasRole(OperatorRole.ADMIN_NAME) ? OperatorRole.ADMIN_NAME
                : identity.hasRole(OperatorRole.VIEWER_NAME) ? OperatorRole.VIEWER_NAME : "none";
    }

    public boolean isAdmin() {
        return identity.hasRole(OperatorRole.ADMIN_NAME);
    }

    /** The TCP peer (behind a proxy, what Quarkus' forwarded-header handling made of it). */
    public String clientAddress() {
        var current = request.getCurrent();
        if (current == null || current.request().remoteAddress() == null) {
            return null;
        }
        return current.request().remoteAddress().hostAddress();
    }
}
