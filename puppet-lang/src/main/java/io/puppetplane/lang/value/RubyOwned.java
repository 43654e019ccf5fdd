package io.puppetplane.lang.value;

/**
 * A Puppet value (a Map or List) made from an object Ruby code stored in a scope ({@code scope.setvar}): Ruby code
 * that looks it up again gets that very object, changes included, as in Ruby Puppet. Only Ruby can read such a
 * value faithfully (its keys may be symbols).
 */
public interface RubyOwned {

    /** The Ruby object (an org.jruby IRubyObject). */
    Object original();
}
