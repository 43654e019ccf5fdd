package io.puppetplane.lang.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.ResourceRef;
import io.puppetplane.lang.value.DeferredValue;
import io.puppetplane.lang.value.Sensitive;
import io.puppetplane.lang.value.TypeValue;
import java.io.IOException;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled catalog: resources in evaluation order, containment edges, classes and tags. {@link #toJson()}
 * renders it the way Ruby Puppet's {@code puppet catalog find --render-as json} does (catalog_format 2).
 */
public final class Catalog {

    private static final JsonFactory JSON = new JsonFactory();

    private final String name;
    private final String environment;
    private final Object version;
    private final String codeId;
    private final String catalogUuid;
    private final List<CatalogResource> resources;
    private final List<CatalogResource> stored;
    private final List<String> classes;
    private final Collection<String> tags;

    public Catalog(String name, String environment, Object version, String codeId, String catalogUuid,
                   List<CatalogResource> resources, List<String> classes, Collection<String> tags) {
        this(name, environment, version, codeId, catalogUuid, resources, resources, classes, tags);
    }

    /**
     * STORED: the resources the compiled catalog holds before the agent's copy leaves out what is virtual, that is
     * with the exported resources this node did not collect itself, which Puppet Server stores in PuppetDB.
     */
    public Catalog(String name, String environment, Object version, String codeId, String catalogUuid,
                   List<CatalogResource> resources, List<CatalogResource> stored, List<String> classes,
                   Collection<String> tags) {
        this.name = name;
        this.environment = environment;
        this.version = version;
        this.codeId = codeId;
        this.catalogUuid = catalogUuid;
        this.resources = List.copyOf(resources);
        this.stored = List.copyOf(stored);
        this.classes = List.copyOf(classes);
        this.tags = List.copyOf(tags);
    }

    public String name() {
        return name;
    }

    public String environment() {
        return environment;
    }

    public List<CatalogResource> resources() {
        return resources;
    }

    /** The resources as Puppet Server stores the catalog: exported ones not collected here included. */
    public List<CatalogResource> storedResources() {
        return stored;
    }

    public String catalogUuid() {
        return catalogUuid;
    }

    public String codeId() {
        return codeId;
    }

    public Object version() {
        return version;
    }

    public List<String> classes() {
        return classes;
    }

    public Collection<String> tags() {
        return tags;
    }

    /**
     * The catalog as JSON, keys in Ruby Puppet's order, as {@code puppet catalog find} renders it: values that are
     * not data (Deferred, types, references) are strings.
     */
    public String toJson() {
        return toJson(false, resources);
    }

    /** The catalog as Puppet Server hands it to PuppetDB's terminus, before exported resources are left out. */
    String toStoredJson() {
        return toJson(false, stored);
    }

    /**
     * The catalog as Puppet Server sends it to agents (rich data, {@code application/vnd.puppet.rich+json}): a
     * Deferred value is {@code {"__ptype":"Deferred","name":…,"arguments":[…]}}, which the agent calls when it
     * applies the catalog.
     */
    public String toAgentJson() {
        return toJson(true, resources);
    }

    private String toJson(boolean rich, List<CatalogResource> resources) {
        StringBuilderWriter out = new StringBuilderWriter(4096 + resources.size() * 384);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("tags");
            for (String t : tags) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeStringField("name", name);
            g.writeFieldName("version");
            writeValue(g, rich, version);
            g.writeFieldName("code_id");
            writeValue(g, rich, codeId);
            g.writeStringField("catalog_uuid", catalogUuid);
            g.writeNumberField("catalog_format", 2);
            g.writeStringField("environment", environment);
            g.writeArrayFieldStart("resources");
            for (CatalogResource r : resources) {
                writeResource(g, rich, r);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("edges");
            for (CatalogResource r : resources) {
                for (CatalogResource source : r.containers()) {
                    g.writeStartObject();
                    g.writeStringField("source", source.ref());
                    g.writeStringField("target", r.ref());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("classes");
            for (String c : classes) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** An unsynchronised Writer (StringWriter locks on every write). */
    private static final class StringBuilderWriter extends Writer {
        private final StringBuilder sb;

        StringBuilderWriter(int capacity) {
            sb = new StringBuilder(capacity);
        }

        @Override
        public void write(char[] buf, int off, int len) {
            sb.append(buf, off, len);
        }

        @Override
        public void write(String str, int off, int len) {
            sb.append(str, off, off + len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    private static void writeResource(JsonGenerator g, boolean rich, CatalogResource r) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", r.type());
        g.writeStringField("title", r.title());
        g.writeArrayFieldStart("tags");
        for (String t : r.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        if (r.file() != null) {
            g.writeStringField("file", r.file());
        }
        if (r.line() != null) {
            g.writeNumberField("line", r.line());
        }
        if (r.exportedUnset()) {
            g.writeStringField("kind", r.kind());
            g.writeBooleanField("exported", r.exported());
        } else {
            g.writeBooleanField("exported", r.exported());
            g.writeStringField("kind", r.kind());
        }
        List<String> sensitive = new ArrayList<>();
        if (!r.parameters().isEmpty()) {
            g.writeObjectFieldStart("parameters");
            String namevar = r.namevar();
            if (namevar != null && r.parameters().containsKey(namevar)) {
                Object v = r.parameters().get(namevar);
                if (v instanceof Sensitive) {
                    sensitive.add(namevar);
                }
                g.writeFieldName(namevar);
                writeValue(g, rich, v instanceof Sensitive sv ? sv.value() : v);
            }
            for (Map.Entry<String, Object> e : r.parameters().entrySet()) {
                if (e.getKey().equals(namevar)) {
                    continue;
                }
                if (e.getValue() instanceof Sensitive) {
                    sensitive.add(e.getKey());
                }
                g.writeFieldName(e.getKey());
                Object v = e.getValue() instanceof Sensitive sv ? sv.value() : e.getValue();
                writeValue(g, rich, isRelationshipMetaparam(e.getKey()) && v instanceof List<?> l ? flat(l) : v);
            }
            g.writeEndObject();
        }
        if (!sensitive.isEmpty()) {
            g.writeArrayFieldStart("sensitive_parameters");
            for (String s : sensitive) {
                g.writeString(s);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Before, require, notify or subscribe: compared rather than hashed, as every parameter of a compile asks. */
    public static boolean isRelationshipMetaparam(String name) {
        return switch (name.length()) {
            case 6 -> name.equals("before") || name.equals("notify");
            case 7 -> name.equals("require");
            case 9 -> name.equals("subscribe");
            default -> false;
        };
    }

    /** Relationship metaparameters render flattened, without undef entries, as Ruby's resource hands them over. */
    private static List<Object> flat(List<?> values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof List<?> l) {
                out.addAll(flat(l));
            } else if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    static void writeValue(JsonGenerator g, boolean rich, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Integer n) {
            g.writeNumber(n);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object e : l) {
                writeValue(g, rich, e);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, rich, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Sensitive s) {
            // a parameter's own Sensitive value is listed in sensitive_parameters; one inside a value stays rich data
            g.writeStartObject();
            g.writeStringField("__ptype", "Sensitive");
            g.writeFieldName("__pvalue");
            writeValue(g, rich, s.value());
            g.writeEndObject();
        } else if (rich && v instanceof DeferredValue d) {
            g.writeStartObject();
            g.writeStringField("__ptype", "Deferred");
            g.writeStringField("name", d.name());
            if (d.arguments() != null) {
                g.writeFieldName("arguments");
                writeValue(g, true, d.arguments());
            }
            g.writeEndObject();
        } else if (v instanceof Set<?> s) {
            writeValue(g, rich, new ArrayList<>(s));
        } else if (v instanceof ResourceRef || v instanceof TypeValue || v instanceof RegexpValue
            || v instanceof Default) {
            g.writeString(v.toString());
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
