package io.puppetplane.lang.ruby;

/** Module Ruby code failed (raised, did not load, ran out of time): the compile fails with this message. */
public final class RubyCodeError extends RuntimeException {

    private final String rubyClass;

    RubyCodeError(String message, String rubyClass) {
        super(message, null, false, false);
        this.rubyClass = rubyClass;
    }

    /** The Ruby exception's class, e.g. {@code ArgumentError}, {@code Puppet::ParseError}. */
    public String rubyClass() {
        return rubyClass;
    }
}
