package io.puppetplane.lang;

import java.util.List;
import java.util.Map;

/**
 * What a compile asks of PuppetDB when storeconfigs is on ({@link EnvironmentCompiler.Options#withPuppetDb}): the
 * resources other nodes exported, for {@code Type <<| query |>>}, and {@code puppetdb_query()}. The embedding
 * service implements it against its PuppetDB (the plane's inventory service); queries are PuppetDB v4 AST as Puppet
 * data (lists, strings, numbers, booleans). A failure is a {@link PuppetDbException} worded for the compile error.
 */
public interface PuppetDb {

    /** A resource another node exported, as PuppetDB's resources endpoint answers it. */
    record ExportedResource(String certname, String type, String title, Map<String, Object> parameters) {
    }

    /** The answer of {@code GET /pdb/query/v4/resources?query=QUERY}. */
    List<ExportedResource> exportedResources(List<Object> query);

    /** The answer of {@code POST /pdb/query/v4} with {@code {"query": QUERY}} (an AST list or a PQL string). */
    Object query(Object query);

    /** PuppetDB could not answer; the message says why, as Puppet's terminus says it. */
    final class PuppetDbException extends RuntimeException {
        public PuppetDbException(String message) {
            super(message);
        }
    }
}
