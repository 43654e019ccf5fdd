package io.puppetplane.enrollment.operator.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.puppetplane.enrollment.operator.repository.OperatorAccount;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns the credentials Quarkus' HTTP mechanisms collect into operator identities: a name and password (form login,
 * HTTP Basic) are checked against the account; a session cookie names an account that must still exist, and its
 * role is read again, so removing an account or demoting it takes effect at its next request.
 */
public final class OperatorIdentityProviders {

    private OperatorIdentityProviders() {
    }

    static SecurityIdentity identity(OperatorAccount account) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(account.name()))
                .addRole(account.role().wireName()).build();
    }

    /** Name and password. */
    @ApplicationScoped
    public static class Password implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

        private final OperatorAccounts accounts;

        Password(OperatorAccounts accounts) {
            this.accounts = accounts;
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                AuthenticationRequestContext context) {
            return context.runBlocking(() -> {
                Optional<OperatorAccount> account = accounts.authenticate(request.getUsername(),
                        request.getPassword().getPassword());
                return identity(account.orElseThrow(AuthenticationFailedException::new));
            });
        }
    }

    /** The account named by a valid (encrypted, unexpired) session cookie. */
    @ApplicationScoped
    public static class Session implements IdentityProvider<TrustedAuthenticationRequest> {

        private final OperatorAccounts accounts;

        Session(OperatorAccounts accounts) {
            this.accounts = accounts;
        }

        @Override
        public Class<TrustedAuthenticationRequest> getRequestType() {
            return TrustedAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request,
                AuthenticationRequestContext context) {
            return context.runBlocking(() -> identity(accounts.find(request.getPrincipal())
                    .orElseThrow(AuthenticationFailedException::new)));
        }
    }
}
