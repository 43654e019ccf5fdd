package io.puppetplane.lang.eval;

import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.catalog.Catalog;
import io.puppetplane.lang.catalog.CatalogResource;
import io.puppetplane.lang.eval.Compilation.Info;
import io.puppetplane.lang.value.ResourceRef;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last check of a compile, as Ruby Puppet's relationship validator: every {@code before}, {@code require},
 * {@code notify} and {@code subscribe} of a resource in the catalog (virtual ones aside) must name a resource the
 * catalog has, or the compile fails where the attribute was written, since the agent could not order them.
 */
final class RelationshipValidator {

    private static final Pattern REFERENCE = Pattern.compile("(?s)\\A([^\\[]+)\\[(.*)\\]\\z");

    private final Compilation compilation;

    RelationshipValidator(Compilation compilation) {
        this.compilation = compilation;
    }

    void validate() {
        for (CatalogResource r : compilation.resources) {
            if (r.virtual()) {
                continue;
            }
            // in parameter order, as Ruby reports the first bad one; compared, not hashed, on this hot path
            for (var p : r.parameters().entrySet()) {
                if (Catalog.isRelationshipMetaparam(p.getKey())) {
                    check(r, p.getKey(), p.getValue());
                }
            }
        }
    }

    private void check(CatalogResource r, String param, Object value) {
        if (value instanceof List<?> list) {
            for (Object v : list) {
                check(r, param, v);
            }
            return;
        }
        String type;
        String title;
        if (value instanceof ResourceRef ref) {
            type = ref.type();
            title = ref.title();
        } else if (value instanceof String s) {
            Matcher m = REFERENCE.matcher(s);
            if (!m.matches()) {
                Info i = compilation.info.get(r);
                Loc at = i == null ? null : i.attributeLocs.get(param);
                throw EvalError.lineOnly("No title provided and \"" + s + "\" is not a valid resource reference",
                    at == null ? r.file() : at.file(), at == null ? r.line() : at.line());
            }
            type = m.group(1);
            title = m.group(2).replaceAll("\\A['\"]|['\"]\\z", "");
        } else {
            return; // undef
        }
        if (compilation.findResource(type, title) == null) {
            String shown = Compilation.capitalize(type) + "[" + (type.equalsIgnoreCase("class")
                ? Compilation.capitalize(Compilation.stripTopScope(title.toLowerCase())) : title) + "]";
            Info i = compilation.info.get(r);
            Loc at = i == null ? null : i.attributeLocs.get(param);
            throw EvalError.lineOnly("Could not find resource '" + shown + "' in parameter '" + param + "'",
                at == null ? r.file() : at.file(), at == null ? r.line() : at.line());
        }
    }
}
