package io.puppetplane.lang.ruby;

import java.util.ArrayList;
import java.util.List;
import org.jruby.Ruby;
import org.jruby.javasupport.JavaUtil;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * The object Ruby module code calls back into during one function call ({@code Puppetplane.context} in the shim):
 * converts between Ruby objects and Puppet values around a {@link RubyCallContext}. Public for JRuby only.
 */
public final class RubyBridge {

    private final Ruby ruby;
    private final RubyCallContext context;

    RubyBridge(Ruby ruby, RubyCallContext context) {
        this.ruby = ruby;
        this.context = context;
    }

    public IRubyObject call_function(IRubyObject name, IRubyObject args, IRubyObject block) {
        if (block != null && !block.isNil()) {
            throw ruby.newNotImplementedError("call_function with a Ruby block is not supported by puppetplane");
        }
        return RubyConversion.toRuby(ruby, context.callFunction(name.asJavaString(), list(args), null));
    }

    public IRubyObject call_lambda(IRubyObject handle, IRubyObject args) {
        return RubyConversion.toRuby(ruby, context.callLambda(RubyConversion.toJava(handle), list(args)));
    }

    public IRubyObject lookup_variable(IRubyObject name) {
        return RubyConversion.toRuby(ruby, context.lookupVariable(name.asJavaString()));
    }

    public boolean variable_exists(IRubyObject name) {
        return context.variableExists(name.asJavaString());
    }

    public IRubyObject variables() {
        return RubyConversion.toRuby(ruby, context.variables());
    }

    public IRubyObject fact(IRubyObject name) {
        return RubyConversion.toRuby(ruby, context.fact(name.asJavaString()));
    }

    public IRubyObject find_resource(IRubyObject type, IRubyObject title) {
        Object ref = context.findResource(type.asJavaString(), title == null || title.isNil() ? null : title.asJavaString());
        return ref == null ? ruby.getNil() : JavaUtil.convertJavaToRuby(ruby, ref);
    }

    public IRubyObject resource_parameter(IRubyObject reference, IRubyObject name) {
        return RubyConversion.toRuby(ruby, context.resourceParameter(RubyConversion.toJava(reference), name.asJavaString()));
    }

    public IRubyObject parse_type(IRubyObject written) {
        return JavaUtil.convertJavaToRuby(ruby, context.parseType(written.asJavaString()));
    }

    public boolean is_instance(IRubyObject type, IRubyObject value) {
        return context.isInstance(RubyConversion.toJava(type), RubyConversion.toJava(value));
    }

    public IRubyObject environment_name() {
        return RubyConversion.toRuby(ruby, context.environmentName());
    }

    /** Sets a variable of the calling scope; answers why not (as Ruby Puppet words it), or nil. */
    public IRubyObject set_variable(IRubyObject name, IRubyObject value) {
        String refusal = context.setVariable(name.asJavaString(), RubyConversion.toJavaKeepingIdentity(value));
        return refusal == null ? ruby.getNil() : ruby.newString(refusal);
    }

    public boolean function_exists(IRubyObject name) {
        return context.functionExists(name.asJavaString());
    }

    public IRubyObject module_path(IRubyObject module) {
        return RubyConversion.toRuby(ruby, context.modulePath(module.asJavaString()));
    }

    private static List<Object> list(IRubyObject args) {
        Object v = RubyConversion.toJava(args);
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        List<Object> one = new ArrayList<>();
        one.add(v);
        return one;
    }
}
