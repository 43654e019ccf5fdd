package io.puppetplane.fileserve.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The role enrollment assigned to each certname, as the classification topic last said; for allow_role rules. */
@ApplicationScoped
public class NodeRoles {

    private final Map<String, String> roles = new ConcurrentHashMap<>();

    public Optional<String> roleOf(String certname) {
        return Optional.ofNullable(roles.get(certname));
    }

    /** A role, or none (null or blank) which forgets the node. */
    public void assign(String certname, String role) {
        if (role == null || role.isBlank()) {
            roles.remove(certname);
        } else {
            roles.put(certname, role);
        }
    }

    public void forget(String certname) {
        roles.remove(certname);
    }
}
