package io.puppetplane.lang.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RubyRegexTest {

    private static boolean matches(String ruby, String s) {
        return RegexpValue.of(ruby).pattern().matcher(s).find();
    }

    @Test
    void quantifierWithoutLowerBoundMeansZero() {
        assertEquals("\\A[a-z]+={0,2}\\z", RubyRegex.toJava("\\A[a-z]+={,2}\\z"));
        assertTrue(matches("\\A[a-z]+={,2}\\z", "abc=="));
        assertFalse(matches("\\A[a-z]+={,2}\\z", "abc==="));
    }

    @Test
    void braceStartingNoQuantifierIsLiteral() {
        assertTrue(matches("\\A\\$\\{[a-z]+}\\z", "${abc}"));
        assertTrue(matches("a{b", "xa{b"));
        assertTrue(matches("a{2}", "aa"));
    }

    @Test
    void hexDigitEscapes() {
        assertTrue(matches("\\A\\h+\\z", "00ff"));
        assertTrue(matches("\\A[\\h:]+\\z", "fe80::1"));
        assertFalse(matches("\\A\\h+\\z", "xyz"));
    }

    @Test
    void groupNamesWithUnderscoresAndBackReferences() {
        assertTrue(matches("(?<first_word>\\w+) \\k<first_word>", "hey hey"));
        assertFalse(matches("\\A(?<first_word>\\w+) \\k<first_word>\\z", "hey you"));
    }

    @Test
    void anchorsMatchAtLinesAndTheMFlagLetsDotMatchNewlines() {
        assertTrue(matches("^b$", "a\nb\nc"));
        assertFalse(matches("\\Ab", "a\nb"));
        assertTrue(matches("(?m)a.b", "a\nb"));
        assertFalse(matches("a.b", "a\nb"));
        assertTrue(matches("(?mi:A.B)", "a\nb"));
    }

    @Test
    void closingBracketFirstInAClassIsLiteral() {
        assertTrue(matches("\\A[]a]+\\z", "a]a"));
        assertTrue(matches("\\A[^]a]+\\z", "bc"));
    }
}
