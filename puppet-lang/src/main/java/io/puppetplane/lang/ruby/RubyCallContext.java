package io.puppetplane.lang.ruby;

import java.util.List;
import java.util.Map;

/** What Ruby module code may ask of the compilation that calls it. Values follow the puppet-lang model. */
public interface RubyCallContext {

    /** Calls a Puppet function (of any kind) by name; {@code lambda} is a block handle from Ruby or null. */
    Object callFunction(String name, List<Object> args, Object lambda);

    /** Calls the Puppet lambda that was passed to the Ruby function. */
    Object callLambda(Object handle, List<Object> args);

    /** A variable as the calling scope sees it (undef when unknown). */
    Object lookupVariable(String name);

    boolean variableExists(String name);

    /** The variables visible from the calling scope that have a value (what Ruby Puppet's scope.to_hash gives). */
    Map<String, Object> variables();

    Object fact(String name);

    /** The catalog's resource TYPE[TITLE] as a reference, or null when the catalog has none (yet). */
    Object findResource(String type, String title);

    /** A parameter of a resource in the catalog (undef when unset or no such resource). */
    Object resourceParameter(Object reference, String name);

    String environmentName();

    /** Sets a variable of the calling scope (scope.setvar); answers why it cannot be set, or null. */
    String setVariable(String name, Object value);

    /** Whether a function of this name (of any kind) can be called from here. */
    boolean functionExists(String name);

    /** The directory of the environment's module of this name, or null when the modulepath has none. */
    String modulePath(String module);

    /** A Puppet type written as Puppet code ('Optional[String]'); an error when it is no type. */
    Object parseType(String written);

    boolean isInstance(Object type, Object value);
}
