package io.puppetplane.lang;

import java.util.Optional;

/**
 * Which Puppet's language semantics an environment is compiled with. Puppet 8 turned Puppet 7's warnings into
 * errors ({@code strict = error}, {@code strict_variables = true} by default), so code Puppet 7 accepted may be
 * refused; sites migrating keep Puppet 7 per environment ({@code language_version = 7} in environment.conf).
 */
public enum LanguageVersion {
    /** Ruby Puppet 7's defaults: strict = warning, strict_variables = false (warnings are not errors). */
    PUPPET_7,
    /** Ruby Puppet 8's defaults: strict = error, strict_variables = true. */
    PUPPET_8;

    /** The default for an environment that does not say: the current Puppet. */
    public static final LanguageVersion DEFAULT = PUPPET_8;

    /** An unknown variable fails the compile ({@code strict_variables = true}). */
    public boolean strictVariables() {
        return this == PUPPET_8;
    }

    /** What Puppet 7 warns about fails the compile ({@code strict = error}). */
    public boolean strictErrors() {
        return this == PUPPET_8;
    }

    /** The Ruby Puppet release whose compiler this language is checked against, as module Ruby sees it. */
    public String rubyPuppetVersion() {
        return this == PUPPET_8 ? "8.10.0" : "7.23.0";
    }

    /** The version environment.conf's {@code language_version} names ("7", "8"), if it names one. */
    public static Optional<LanguageVersion> parse(String value) {
        return switch (value.strip()) {
            case "7" -> Optional.of(PUPPET_7);
            case "8" -> Optional.of(PUPPET_8);
            default -> Optional.empty();
        };
    }
}
