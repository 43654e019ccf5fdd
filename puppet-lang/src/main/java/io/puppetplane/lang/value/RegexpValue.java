package io.puppetplane.lang.value;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A Puppet Regexp value: the source text as written between slashes, and its compiled pattern. */
public record RegexpValue(String source, Pattern pattern) {

    /** Compiled patterns by source; bounded because matched strings may be built at run time. */
    private static final Map<String, RegexpValue> CACHE = new ConcurrentHashMap<>();

    public static RegexpValue of(String source) {
        RegexpValue cached = CACHE.get(source);
        if (cached != null) {
            return cached;
        }
        RegexpValue value;
        try {
            value = new RegexpValue(source, Pattern.compile(RubyRegex.toJava(source), Pattern.MULTILINE));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid regular expression /" + source + "/: " + e.getDescription());
        }
        if (CACHE.size() > 2000) {
            CACHE.clear();
        }
        CACHE.put(source, value);
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegexpValue r && r.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    /** As Ruby's Regexp#inspect: between slashes, a slash in the source escaped. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(source.length() + 2).append('/');
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length()) {
                out.append(c).append(source.charAt(++i));
            } else if (c == '/') {
                out.append("\\/");
            } else {
                out.append(c);
            }
        }
        return out.append('/').toString();
    }
}
