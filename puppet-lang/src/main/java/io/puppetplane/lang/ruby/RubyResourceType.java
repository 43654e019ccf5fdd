package io.puppetplane.lang.ruby;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A resource type a module defines in Ruby ({@code Puppet::Type.newtype}, {@code Puppet::ResourceApi.register_type})
 * or in a generated {@code .resource_types/NAME.pp} file: what the compiler checks and uses.
 *
 * @param parameters every attribute name (parameters and properties), without the metaparameters
 * @param namevars the key attributes, in declaration order
 * @param titlePatterns how a title splits into namevars; the first that matches wins
 */
public record RubyResourceType(String name, Set<String> parameters, List<String> namevars,
                               List<TitlePattern> titlePatterns) {

    public record TitlePattern(Pattern pattern, List<String> attributes) {
    }

    /** The namevar a single-key type's title fills ("name" when the type declares none). */
    public String namevar() {
        return namevars.isEmpty() ? "name" : namevars.get(0);
    }
}
