package io.puppetplane.lang;

import java.util.Map;

/**
 * What a catalog is compiled from: the node's certname, facts, trusted facts and server facts, classes an
 * external node classifier assigns (class name to parameters; an empty map for none), and the code id to stamp
 * on the catalog (may be null).
 */
public record CompileRequest(String certname, Map<String, Object> facts, Map<String, Object> trusted,
                             Map<String, Object> serverFacts, Map<String, Map<String, Object>> classes,
                             String codeId) {

    public CompileRequest {
        facts = facts == null ? Map.of() : facts;
        trusted = trusted == null ? Map.of() : trusted;
        serverFacts = serverFacts == null ? Map.of() : serverFacts;
        classes = classes == null ? Map.of() : classes;
    }

    /** A request with only facts, the way the command line and most tests compile. */
    public static CompileRequest of(String certname, Map<String, Object> facts) {
        return new CompileRequest(certname, facts, null, null, null, null);
    }
}
