package io.puppetplane.lang.value;

import java.util.regex.Pattern;

/** A Puppet Regexp value: the source text as written between slashes, and its compiled pattern. */
public record RegexpValue(String source, Pattern pattern) {

    public static RegexpValue of(String source) {
        return new RegexpValue(source, Pattern.compile(RubyRegex.toJava(source)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegexpValue r && r.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return "/" + source + "/";
    }
}
