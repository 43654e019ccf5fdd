package io.puppetplane.lang.eval;

import io.puppetplane.lang.value.Default;
import io.puppetplane.lang.value.RegexpValue;
import io.puppetplane.lang.value.ResourceRef;
import io.puppetplane.lang.value.Sensitive;
import java.util.List;
import java.util.Map;

/**
 * {@code String(value)} without a format, as Ruby Puppet's string converter's defaults have it (unlike
 * interpolation): a regexp gives its source, and inside an array or hash every value is shown as code writes it
 * ({@code %p}): strings quoted, undef as {@code undef}, regexps between slashes.
 */
final class StringConversion {

    private StringConversion() {
    }

    static String of(Object v) {
        if (v instanceof RegexpValue r) {
            return r.source();
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            return quoted(v);
        }
        return Values.str(v);
    }

    private static String quoted(Object v) {
        if (v == null) {
            return "undef";
        }
        if (v instanceof String s) {
            return puppetQuote(s);
        }
        if (v instanceof RegexpValue r) {
            return "/" + r.source() + "/";
        }
        if (v instanceof Default) {
            return "default";
        }
        if (v instanceof Sensitive) {
            return "#<Sensitive [value redacted]>";
        }
        if (v instanceof ResourceRef ref) {
            return ref.type() + "[" + puppetQuote(ref.title()) + "]";
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(quoted(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(quoted(e.getKey())).append(" => ").append(quoted(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        return Values.str(v);
    }

    /** Single quotes unless a control character needs double quotes and escapes, as Ruby's puppet_quote. */
    static String puppetQuote(String s) {
        StringBuilder sb = new StringBuilder("'");
        boolean escaped = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x20) {
                return doubleQuote(s);
            }
            if (escaped) {
                sb.append('\\').appendCodePoint(cp);
                escaped = false;
            } else if (cp == '\'') {
                sb.append("\\'");
            } else if (cp == '\\') {
                escaped = true;
            } else {
                sb.appendCodePoint(cp);
            }
        }
        if (escaped) {
            sb.append('\\');
        }
        return sb.append('\'').toString();
    }

    private static String doubleQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '$' -> sb.append("\\$");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (cp < 0x20) {
                        sb.append(String.format("\\u{%X}", cp));
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
