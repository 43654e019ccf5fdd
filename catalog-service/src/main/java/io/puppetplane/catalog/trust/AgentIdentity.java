package io.puppetplane.catalog.trust;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who is calling, taken from the verified TLS client certificate: its CN and its Puppet extensions (named
 * {@code pp_*} where Puppet names them, dotted OIDs otherwise). Never from what the agent claims.
 */
public record AgentIdentity(String certname, Map<String, String> extensions) {

    /** Puppet's {@code $trusted} hash for this certificate. */
    public Map<String, Object> trustedFacts() {
        Map<String, Object> trusted = new LinkedHashMap<>();
        trusted.put("authenticated", "remote");
        trusted.put("certname", certname);
        trusted.put("extensions", new LinkedHashMap<String, Object>(extensions));
        int dot = certname.indexOf('.');
        trusted.put("hostname", dot < 0 ? certname : certname.substring(0, dot));
        trusted.put("domain", dot < 0 ? null : certname.substring(dot + 1));
        trusted.put("external", new LinkedHashMap<String, Object>());
        return trusted;
    }
}
