package io.puppetplane.lang.ast;

import java.util.List;

/** The Puppet abstract syntax tree. Every node carries its source location. */
public final class Ast {

    private Ast() {
    }

    /** Where a node starts: file, 1-based line and column. */
    public record Loc(String file, int line, int column) {
    }

    /**
     * Where E's source text begins. Operators are located at their operator (as Ruby Puppet locates them), so this
     * is the location of their leftmost operand.
     */
    public static Loc start(Expr e) {
        Expr x = e;
        while (true) {
            if (x instanceof Binary b) {
                x = b.left();
            } else if (x instanceof Assign a) {
                x = a.target();
            } else if (x instanceof Relationship r) {
                x = r.left();
            } else if (x instanceof MethodCall m) {
                x = m.receiver();
            } else if (x instanceof Selector s) {
                x = s.subject();
            } else if (x instanceof Access a) {
                x = a.target();
            } else {
                return x.loc();
            }
        }
    }

    /** Any node of the tree. */
    public sealed interface Node permits Expr, Definition {
        Loc loc();
    }

    /** Anything that evaluates to a value (statements are expressions too). */
    public sealed interface Expr extends Node {
    }

    /** Definitions are registered when a file is loaded, not evaluated in order. */
    public sealed interface Definition extends Node {
        String name();
    }

    public record Literal(Loc loc, Object value) implements Expr {
    }

    /** A double-quoted string or heredoc: parts are Strings or Exprs. */
    public record Interpolated(Loc loc, List<Object> parts) implements Expr {
    }

    public record Variable(Loc loc, String name) implements Expr {
    }

    /** A bare word: a string value, or the name of a function when called. */
    public record BareWord(Loc loc, String name) implements Expr {
    }

    /** A capitalised name: a type or a resource type. */
    public record TypeRef(Loc loc, String name) implements Expr {
    }

    public record RegexLit(Loc loc, String source) implements Expr {
    }

    public record ArrayLit(Loc loc, List<Expr> elements) implements Expr {
    }

    public record HashLit(Loc loc, List<Expr> keys, List<Expr> values) implements Expr {
    }

    public record Binary(Loc loc, String op, Expr left, Expr right) implements Expr {
    }

    public record Unary(Loc loc, String op, Expr operand) implements Expr {
    }

    public record Access(Loc loc, Expr target, List<Expr> keys) implements Expr {
    }

    public record Call(Loc loc, String name, List<Expr> args, Lambda lambda) implements Expr {
    }

    public record MethodCall(Loc loc, Expr receiver, String name, List<Expr> args, Lambda lambda) implements Expr {
    }

    public record Lambda(Loc loc, List<Param> params, Block body) implements Expr {
    }

    public record Param(Loc loc, String name, Expr type, Expr defaultValue, boolean captureRest) {
    }

    public record Selector(Loc loc, Expr subject, List<Expr> matches, List<Expr> values) implements Expr {
    }

    public record If(Loc loc, Expr condition, Block then, Expr otherwise, boolean unless) implements Expr {
    }

    public record CaseOption(Loc loc, List<Expr> values, Block body) {
    }

    public record Case(Loc loc, Expr subject, List<CaseOption> options) implements Expr {
    }

    public record Assign(Loc loc, String op, Expr target, Expr value) implements Expr {
    }

    public record Block(Loc loc, List<Expr> statements) implements Expr {
    }

    /** {@code name => value}, {@code name +> value} or {@code * => hash}. */
    public record AttributeOp(Loc loc, String name, String op, Expr value) {
    }

    public record ResourceBody(Loc loc, Expr title, List<AttributeOp> attributes) {
    }

    /** form is "regular", "virtual" or "exported"; typeName is a lower-case name or an expression. */
    public record ResourceDecl(Loc loc, String form, Expr type, List<ResourceBody> bodies) implements Expr {
    }

    public record ResourceDefaults(Loc loc, String type, List<AttributeOp> attributes) implements Expr {
    }

    public record ResourceOverride(Loc loc, Expr reference, List<AttributeOp> attributes) implements Expr {
    }

    /** {@code Type <| query |>} or {@code Type <<| query |>>} with optional override attributes. */
    public record Collector(Loc loc, String type, boolean exported, Query query, List<AttributeOp> overrides)
        implements Expr {
    }

    /** A query term of a collector: {@code attr == value}, {@code attr != value}, and/or combinations. */
    /** ATTRIBUTE names what is compared, or ATTRIBUTE_EXPR gives its name when evaluated ({@code $x == 'v'}). */
    public record Query(Loc loc, String op, String attribute, Expr value, Query left, Query right, Expr attributeExpr)
        implements Expr {
    }

    public record Relationship(Loc loc, String op, Expr left, Expr right) implements Expr {
    }

    /** A definition inside a block: evaluating it does nothing (it was registered when loaded). */
    public record DefinitionStatement(Loc loc, Definition definition) implements Expr {
    }

    public record ClassDef(Loc loc, String name, List<Param> params, String parent, Block body)
        implements Definition {
    }

    public record DefineDef(Loc loc, String name, List<Param> params, Block body) implements Definition {
    }

    /** Node names: Strings, or Regexps (as RegexLit), or the literal default. */
    public record NodeDef(Loc loc, String name, List<Expr> matches, Block body)
        implements Definition {
    }

    public record FunctionDef(Loc loc, String name, List<Param> params, Expr returnType, Block body)
        implements Definition {
    }

    public record TypeAlias(Loc loc, String name, Expr type) implements Definition {
    }
}
