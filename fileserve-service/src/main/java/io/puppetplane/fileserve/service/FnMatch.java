package io.puppetplane.fileserve.service;

import java.util.regex.Pattern;

/**
 * Ruby's {@code File.fnmatch?(pattern, name)} without flags, as the agent's {@code ignore} expects: {@code *} and
 * {@code ?} never match a leading dot, {@code [...]} classes ({@code [!...]} negated), backslash escapes.
 */
final class FnMatch {

    private final Pattern regex;
    private final boolean patternStartsWithDot;

    FnMatch(String glob) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> out.append(".*");
                case '?' -> out.append('.');
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        out.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, end);
                        if (body.startsWith("!")) {
                            body = "^" + body.substring(1);
                        }
                        out.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = end;
                    }
                }
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.regex = Pattern.compile(out.toString(), Pattern.DOTALL);
        this.patternStartsWithDot = glob.startsWith(".");
    }

    boolean matches(String name) {
        if (name.startsWith(".") && !patternStartsWithDot) {
            return false;
        }
        return regex.matcher(name).matches();
    }
}
