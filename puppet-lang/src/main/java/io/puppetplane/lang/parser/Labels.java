package io.puppetplane.lang.parser;

import io.puppetplane.lang.ast.Ast.*;
import io.puppetplane.lang.value.Default;
import java.util.Map;
import java.util.Set;

/** Names of expressions in validation messages, as Ruby Puppet's model label provider words them. */
final class Labels {

    private static final Set<Character> VOWELS = Set.of('a', 'e', 'i', 'o', 'u', 'y');

    private final ParseFacts facts;

    Labels(ParseFacts facts) {
        this.facts = facts;
    }

    String label(Expr e) {
        if (facts.isParenthesized(e)) {
            return "Parenthesized Expression";
        }
        String heredoc = facts.heredocSyntax(e);
        if (heredoc != null) {
            return "'@(" + heredoc + ")' expression";
        }
        if (e instanceof Literal l) {
            Object v = l.value();
            if (v instanceof Long) {
                return "Literal Integer";
            }
            if (v instanceof Double) {
                return "Literal Float";
            }
            if (v instanceof Boolean) {
                return "Boolean";
            }
            if (v == null) {
                return "'undef' expression";
            }
            if (v == Default.DEFAULT) {
                return "'default' expression";
            }
            return "String";
        }
        if (e instanceof Call c && !c.name().isEmpty() && c.name().equals(facts.eppText())) {
            return "Epp Text";
        }
        if (e instanceof Call c && !c.name().isEmpty() && c.name().equals(facts.eppExpr())) {
            return "Epp Interpolated Expression";
        }
        if (e instanceof Binary b) {
            return "'" + b.op() + "' expression";
        }
        if (e instanceof Assign a) {
            return "'" + a.op() + "' expression";
        }
        if (e instanceof Relationship r) {
            return "'" + r.op() + "' expression";
        }
        if (e instanceof Unary u) {
            return switch (u.op()) {
                case "!" -> "'not' expression";
                case "-" -> "Unary Minus";
                default -> "Unfold";
            };
        }
        if (e instanceof If i) {
            return i.unless() ? "'unless' Statement" : "'if' statement";
        }
        if (e instanceof Collector c) {
            return c.exported() ? "Exported Query" : "Virtual Query";
        }
        if (e instanceof DefinitionStatement d) {
            return label(d.definition());
        }
        return NAMES.getOrDefault(e.getClass(), e.getClass().getSimpleName());
    }

    private static final Map<Class<?>, String> NAMES = Map.ofEntries(
        Map.entry(Interpolated.class, "Double Quoted String"), Map.entry(Variable.class, "Variable"),
        Map.entry(BareWord.class, "Name"), Map.entry(TypeRef.class, "Type-Name"),
        Map.entry(RegexLit.class, "Regular Expression"), Map.entry(ArrayLit.class, "Array Expression"),
        Map.entry(HashLit.class, "Hash Expression"), Map.entry(Access.class, "'[]' expression"),
        Map.entry(Selector.class, "Selector Expression"), Map.entry(Case.class, "'case' statement"),
        Map.entry(Call.class, "Function Call"), Map.entry(MethodCall.class, "Method call"),
        Map.entry(ResourceDecl.class, "Resource Statement"),
        Map.entry(ResourceDefaults.class, "Resource Defaults Expression"),
        Map.entry(ResourceOverride.class, "Resource Override"), Map.entry(Block.class, "Block Expression"),
        Map.entry(Lambda.class, "Lambda"), Map.entry(ClassDef.class, "Host Class Definition"),
        Map.entry(DefineDef.class, "'define' expression"), Map.entry(NodeDef.class, "Node Definition"),
        Map.entry(FunctionDef.class, "Function Definition"), Map.entry(TypeAlias.class, "Type Alias"));

    static String label(Definition d) {
        return NAMES.get(d.getClass());
    }

    String aAn(Expr e) {
        return withArticle(label(e), false);
    }

    String aAnUc(Expr e) {
        return withArticle(label(e), true);
    }

    static String withArticle(String text, boolean capitalised) {
        char first = text.charAt(0) == '\'' || text.charAt(0) == '"' ? text.charAt(1) : text.charAt(0);
        String article = VOWELS.contains(Character.toLowerCase(first)) ? "an" : "a";
        if (capitalised) {
            article = Character.toUpperCase(article.charAt(0)) + article.substring(1);
        }
        return article + " " + text;
    }
}
