package io.puppetplane.lang.lexer;

/**
 * The kinds of tokens of the Puppet language. Keywords arrive as NAME (the parser knows them); WORD is a bare word
 * that is not a name ({@code euca-deps}, {@code _x}); OTHER is a character the language has no use for. The RENDER
 * kinds and EPP_END come from EPP templates only.
 */
public enum TokenKind {
    NAME, WORD, CLASSREF, VARIABLE, NUMBER, STRING, DQSTRING, REGEX, HEREDOC,
    LBRACE, RBRACE, LBRACK, LISTSTART, RBRACK, LPAREN, WSLPAREN, RPAREN, COMMA, SEMIC, COLON, DOT,
    EQUALS, APPENDS, DELETES, ISEQUAL, NOTEQUAL, MATCH, NOMATCH, LESSTHAN, GREATERTHAN, LESSEQUAL, GREATEREQUAL,
    LSHIFT, RSHIFT, PLUS, MINUS, TIMES, DIV, MODULO, NOT, QMARK, FARROW, PARROW, TILDE,
    IN_EDGE, OUT_EDGE, IN_EDGE_SUB, OUT_EDGE_SUB, LCOLLECT, RCOLLECT, LLCOLLECT, RRCOLLECT, AT, ATAT, PIPE,
    RENDER_STRING, RENDER_EXPR, EPP_END, OTHER,
    EOF
}
