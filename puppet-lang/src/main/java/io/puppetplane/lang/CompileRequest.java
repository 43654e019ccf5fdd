package io.puppetplane.lang;

import io.puppetplane.lang.value.DataNormaliser;
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
        // JSON/YAML parsers give Integer, Float, BigDecimal: Puppet values are Long and Double
        facts = DataNormaliser.normaliseMap(facts);
        trusted = DataNormaliser.normaliseMap(trusted);
        serverFacts = DataNormaliser.normaliseMap(serverFacts);
        Map<String, Map<String, Object>> cls = new java.util.LinkedHashMap<>();
        if (classes != null) {
            classes.forEach((k, v) -> cls.put(k, DataNormaliser.normaliseMap(v)));
        }
        classes = cls;
    }

    /** A request with only facts, the way the command line and most tests compile. */
    public static CompileRequest of(String certname, Map<String, Object> facts) {
        return new CompileRequest(certname, facts, null, null, null, null);
    }
}
