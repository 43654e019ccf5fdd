package io.puppetplane.lang.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One resource of a catalog as the compiler builds it: type ({@code File}, {@code Certs::Key}, {@code Class}),
 * title, parameters in the order they were set, tags, source location and kind.
 */
public final class CatalogResource {

    private final String type;
    private final String title;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Set<String> tags = new LinkedHashSet<>();
    private final String file;
    private final Integer line;
    private final String kind;
    private boolean exported;
    private boolean virtual;
    /** Resources made by create_resources carry no exported flag, so Ruby Puppet renders it after kind. */
    private boolean exportedUnset;
    /** The namevar parameter, rendered first when set (Ruby Puppet merges parameters into the parsed title). */
    private String namevar;
    /**
     * Whether the namevar was given with the title as its value: the catalog leaves it out, but Ruby's resource
     * still holds it, so stdlib's defined_with_params finds it.
     */
    private boolean namevarGivenAsTitle;
    /** Sources of containment edges pointing at this resource, in the order they were added. */
    private final List<CatalogResource> containers = new ArrayList<>(1);
    /** The parameter names as declared, undef ones included (null: not recorded). */
    private List<String> declaredOrder;
    /** The other titles it answers to, as PuppetDB stores them (its alias parameter and a namevar not its title). */
    private List<String> aliases = List.of();
    /** Type[title], once asked for. */
    private String ref;

    public CatalogResource(String type, String title, String file, Integer line, String kind) {
        this.type = type;
        this.title = title;
        this.file = file;
        this.line = line;
        this.kind = kind;
    }

    /**
     * Records the declared parameter names, undef ones included: a default that later fills an undef parameter
     * takes its declared place, as in Ruby Puppet's catalogs.
     */
    public void declaredOrder(List<String> names) {
        this.declaredOrder = names;
    }

    /** Puts the parameters in their declared order (those never declared after them, as they are). */
    public void restoreDeclaredOrder() {
        if (declaredOrder == null) {
            return;
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : declaredOrder) {
            if (parameters.containsKey(name)) {
                ordered.put(name, parameters.get(name));
            }
        }
        ordered.putAll(parameters);
        parameters.clear();
        parameters.putAll(ordered);
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String ref() {
        // asked for again for every edge the catalog renders: made once
        String r = ref;
        if (r == null) {
            r = type + "[" + title + "]";
            ref = r;
        }
        return r;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    public Set<String> tags() {
        return tags;
    }

    public String file() {
        return file;
    }

    public Integer line() {
        return line;
    }

    public String kind() {
        return kind;
    }

    public boolean exported() {
        return exported;
    }

    public void exported(boolean value) {
        exported = value;
    }

    public String namevar() {
        return namevar;
    }

    public void namevar(String value) {
        namevar = value;
    }

    public boolean namevarGivenAsTitle() {
        return namevarGivenAsTitle;
    }

    public void namevarGivenAsTitle(boolean value) {
        namevarGivenAsTitle = value;
    }

    public boolean exportedUnset() {
        return exportedUnset;
    }

    public void exportedUnset(boolean value) {
        exportedUnset = value;
    }

    public boolean virtual() {
        return virtual;
    }

    public void virtual(boolean value) {
        virtual = value;
    }

    public List<CatalogResource> containers() {
        return containers;
    }

    public List<String> aliases() {
        return aliases;
    }

    public void aliases(List<String> value) {
        aliases = List.copyOf(value);
    }

    public void addContainer(CatalogResource container) {
        if (!containers.contains(container)) {
            containers.add(container);
        }
    }

    @Override
    public String toString() {
        return ref();
    }
}
