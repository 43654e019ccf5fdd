package io.puppetplane.inventory.query.engine;

import java.util.ArrayList;
import java.util.List;

import io.puppetplane.inventory.query.ast.QueryException;

/**
 * A dotted field such as {@code facts.os.family}, {@code facts."a.b".c}, {@code facts.processors[0]} or
 * {@code parameters.port}: the base field and the path below it (keys as strings, array indexes as integers).
 */
public record DottedField(String base, List<Object> path) {

    /** Splits {@code name} at dots outside double quotes; null when it has no dot. */
    public static DottedField parse(String name) {
        int dot = name.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        List<Object> path = new ArrayList<>();
        String rest = name.substring(dot + 1);
        int i = 0;
        while (i <= rest.length()) {
            if (i == rest.length()) {
                throw new QueryException("The field '" + name + "' ends with a dot");
            }
            String segment;
            if (rest.charAt(i) == '"') {
                int close = rest.indexOf('"', i + 1);
                if (close < 0) {
                    throw new QueryException("The field '" + name + "' has an unterminated quote");
                }
                segment = rest.substring(i + 1, close);
                path.add(segment);
                i = close + 1;
            } else {
                int next = rest.indexOf('.', i);
                segment = next < 0 ? rest.substring(i) : rest.substring(i, next);
                if (segment.startsWith("match(")) {
                    throw new QueryException("match() in the field '" + name + "' is not supported");
                }
                int bracket = segment.indexOf('[');
                if (bracket > 0 && segment.endsWith("]")
                        && segment.substring(bracket + 1, segment.length() - 1).chars().allMatch(Character::isDigit)
                        && bracket + 1 < segment.length() - 1) {
                    path.add(segment.substring(0, bracket));
                    path.add(Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1)));
                } else {
                    path.add(segment);
                }
                i = next < 0 ? rest.length() : next;
            }
            if (i == rest.length()) {
                break;
            }
            if (rest.charAt(i) != '.') {
                throw new QueryException("The field '" + name + "' is not a valid dotted field");
            }
            i++;
        }
        return new DottedField(name.substring(0, dot), path);
    }

    /** The path as PostgreSQL's text[] path for {@code #>} (indexes as their digits). */
    public List<String> textPath() {
        return path.stream().map(String::valueOf).toList();
    }

    public boolean hasIndex() {
        return path.stream().anyMatch(Integer.class::isInstance);
    }
}
