package io.puppetplane.lang.parser;

import io.puppetplane.lang.ast.Ast.Binary;
import io.puppetplane.lang.ast.Ast.BareWord;
import io.puppetplane.lang.ast.Ast.Expr;
import io.puppetplane.lang.ast.Ast.Literal;
import io.puppetplane.lang.ast.Ast.Loc;
import io.puppetplane.lang.ast.Ast.Query;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the parser knows of a file's expressions beyond the tree (which string was a bare word or a heredoc, which
 * expression was in parentheses), and the validation issues it met while building the tree; the {@link Checker}
 * reads both, as Ruby Puppet's checker reads its richer model.
 */
final class ParseFacts {

    /** A validation error: reported alone, or counted when there are several. */
    record Issue(Loc loc, String message) {
    }

    private final Set<Expr> words = identitySet();
    private final Set<Expr> parenthesized = identitySet();
    private final Map<Expr, String> heredocs = new IdentityHashMap<>();
    private final List<Issue> issues = new ArrayList<>();
    /** Where the '=>' after a hash literal's key stands: Ruby locates the entry (a duplicate key) there. */
    private final Map<Expr, Loc> hashArrows = new IdentityHashMap<>();
    private final Labels labels = new Labels(this);
    private String eppText = "";
    private String eppExpr = "";

    private static Set<Expr> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    Labels labels() {
        return labels;
    }

    void hashArrow(Expr key, Loc arrow) {
        hashArrows.put(key, arrow);
    }

    /** The '=>' after KEY in a hash literal, or the key's own location when it was written otherwise. */
    Loc hashEntryLoc(Expr key) {
        return hashArrows.getOrDefault(key, key.loc());
    }

    void word(Literal word) {
        words.add(word);
    }

    boolean isWord(Expr e) {
        return words.contains(e);
    }

    void parenthesized(Expr e) {
        parenthesized.add(e);
    }

    boolean isParenthesized(Expr e) {
        return parenthesized.contains(e);
    }

    void heredoc(Expr e, String syntax) {
        heredocs.put(e, syntax);
    }

    /** The syntax of the heredoc E is, or null. */
    String heredocSyntax(Expr e) {
        return heredocs.get(e);
    }

    void issue(Loc loc, String message) {
        issues.add(new Issue(loc, message));
    }

    List<Issue> issues() {
        return issues;
    }

    void eppFunctions(String text, String expr) {
        eppText = text;
        eppExpr = expr;
    }

    String eppText() {
        return eppText;
    }

    String eppExpr() {
        return eppExpr;
    }

    /**
     * A collector's query as a tree of comparisons joined by and/or: Ruby Puppet's checker accepts == and != of
     * an attribute, and/or of such, in parentheses or not; anything else is an illegal query.
     */
    Query query(Expr e, boolean exported) {
        if (e instanceof Binary b && (b.op().equals("and") || b.op().equals("or"))) {
            return new Query(b.loc(), b.op(), null, null, query(b.left(), exported), query(b.right(), exported), null);
        }
        if (e instanceof Binary b && (b.op().equals("==") || b.op().equals("!="))) {
            String attribute = b.left() instanceof BareWord w ? w.name()
                : b.left() instanceof Literal l && l.value() instanceof String s ? s : null;
            // any other left side is evaluated when collecting, and its value names the attribute, as in Ruby
            return new Query(b.left().loc(), b.op(), attribute, b.right(), null, null, attribute == null ? b.left() : null);
        }
        issue(e.loc(), "Illegal query expression. " + labels.aAnUc(e) + " cannot be used in a query");
        return new Query(e.loc(), "==", "", e, null, null, null);
    }
}
