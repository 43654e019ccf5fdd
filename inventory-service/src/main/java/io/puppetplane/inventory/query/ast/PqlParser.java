package io.puppetplane.inventory.query.ast;

import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A recursive-descent parser of PuppetDB's PQL ({@code pql/pql-grammar.ebnf}) that yields the same AST PuppetDB's
 * {@code pql/transform.clj} makes: {@code nodes[certname] { facts.os.family = "Debian" limit 5 }} becomes
 * {@code ["from","nodes",["extract",["certname"],["=","facts.os.family","Debian"]],["limit",5]]}. Precedence is the
 * grammar's: {@code !} binds tighter than {@code and}, which binds tighter than {@code or}; both nest to the right.
 */
public final class PqlParser {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ENTITIES = Set.of("facts", "reports", "catalogs", "packages",
            "package_inventory", "resources", "nodes", "environments", "factsets", "fact_paths", "fact_contents",
            "inventory", "edges", "events");
    private static final Set<String> DOTTED = Set.of("facts", "trusted", "parameters");
    private static final Set<String> FUNCTIONS = Set.of("count", "avg", "sum", "min", "max", "to_string");

    private final String text;
    private int pos;

    private PqlParser(String text) {
        this.text = text;
    }

    /** Parses a whole PQL query. */
    public static JsonNode parse(String pql) {
        PqlParser parser = new PqlParser(pql);
        parser.whitespace();
        ArrayNode from = parser.from();
        parser.whitespace();
        if (!parser.atEnd()) {
            throw parser.error("end of query");
        }
        return from;
    }

    private ArrayNode from() {
        String entity = entity();
        whitespace();
        ArrayNode extract = null;
        if (peek('[')) {
            extract = extract();
            whitespace();
        }
        Where where = where();
        ArrayNode out = JSON.arrayNode().add("from").add(entity);
        if (extract != null) {
            if (where.expression != null) {
                extract.add(where.expression);
            }
            if (where.groupBy != null) {
                extract.add(where.groupBy);
            }
            out.add(extract);
        } else if (where.expression != null) {
            out.add(where.expression);
        } else if (where.groupBy != null) {
            out.add(where.groupBy);
        }
        where.paging.forEach(out::add);
        return out;
    }

    private String entity() {
        int start = pos;
        String name = word();
        if (!ENTITIES.contains(name)) {
            pos = start;
            throw error("an entity (" + String.join(", ", ENTITIES.stream().sorted().toList()) + ")");
        }
        return name;
    }

    private ArrayNode extract() {
        expect('[');
        whitespace();
        ArrayNode fields = JSON.arrayNode();
        if (!peek(']')) {
            fieldList(fields);
            whitespace();
        }
        expect(']');
        return JSON.arrayNode().add("extract").add(fields);
    }

    /** What a brace block holds: a filter, then a group by or paging clauses. */
    private static final class Where {
        JsonNode expression;
        ArrayNode groupBy;
        final ArrayNode paging = JSON.arrayNode();
    }

    private Where where() {
        expect('{');
        whitespace();
        Where where = new Where();
        if (!peek('}') && !atClauseKeyword()) {
            where.expression = expression();
            whitespace();
        }
        if (keyword("group")) {
            requireWhitespace();
            expectKeyword("by");
            requireWhitespace();
            ArrayNode groupBy = JSON.arrayNode().add("group_by");
            fieldList(groupBy);
            where.groupBy = groupBy;
            whitespace();
        } else {
            while (atClauseKeyword()) {
                where.paging.add(pagingClause());
                whitespace();
            }
        }
        expect('}');
        return where;
    }

    private boolean atClauseKeyword() {
        return lookingAtKeyword("limit") || lookingAtKeyword("offset") || lookingAtKeyword("order")
                || lookingAtKeyword("group");
    }

    private ArrayNode pagingClause() {
        if (keyword("limit")) {
            requireWhitespace();
            return JSON.arrayNode().add("limit").add(integer());
        }
        if (keyword("offset")) {
            requireWhitespace();
            return JSON.arrayNode().add("offset").add(integer());
        }
        expectKeyword("order");
        requireWhitespace();
        expectKeyword("by");
        requireWhitespace();
        ArrayNode terms = JSON.arrayNode();
        do {
            whitespace();
            String field = field();
            int before = pos;
            whitespace();
            if (keyword("asc")) {
                terms.add(JSON.arrayNode().add(field).add("asc"));
            } else if (keyword("desc")) {
                terms.add(JSON.arrayNode().add(field).add("desc"));
            } else {
                pos = before;
                terms.add(field);
            }
            whitespace();
        } while (consume(','));
        return JSON.arrayNode().add("order_by").add(terms);
    }

    private long integer() {
        JsonNode number = number();
        if (!number.isIntegralNumber()) {
            throw error("an integer");
        }
        return number.longValue();
    }

    private void fieldList(ArrayNode into) {
        do {
            whitespace();
            into.add(fieldOrFunction());
            whitespace();
        } while (consume(','));
    }

    private JsonNode fieldOrFunction() {
        int start = pos;
        String name = word();
        if (FUNCTIONS.contains(name)) {
            int afterName = pos;
            whitespace();
            if (peek('(')) {
                return functionCall(name);
            }
            pos = afterName;
        }
        pos = start;
        return JSON.textNode(field());
    }

    private ArrayNode functionCall(String name) {
        expect('(');
        whitespace();
        ArrayNode call = JSON.arrayNode().add("function").add(name);
        if (!peek(')')) {
            call.add(peek('"') || peek('\'') ? string() : JSON.textNode(field()));
            whitespace();
            while (consume(',')) {
                whitespace();
                call.add(string());
                whitespace();
            }
        }
        expect(')');
        return call;
    }

    // ------------------------------------------------------------------ expressions

    private JsonNode expression() {
        return or();
    }

    private JsonNode or() {
        JsonNode left = and();
        int before = pos;
        if (whitespace() && keyword("or") && whitespace()) {
            return JSON.arrayNode().add("or").add(left).add(or());
        }
        pos = before;
        return left;
    }

    private JsonNode and() {
        JsonNode left = not();
        int before = pos;
        if (whitespace() && keyword("and") && whitespace()) {
            return JSON.arrayNode().add("and").add(left).add(and());
        }
        pos = before;
        return left;
    }

    private JsonNode not() {
        if (peek('!') && !text.startsWith("!=", pos) && !text.startsWith("!~", pos)) {
            pos++;
            whitespace();
            return JSON.arrayNode().add("not").add(not());
        }
        return rest();
    }

    private JsonNode rest() {
        if (consume('(')) {
            whitespace();
            JsonNode inner = expression();
            whitespace();
            expect(')');
            return inner;
        }
        if (peek('[')) {
            // [a, b] in <subquery>
            pos++;
            whitespace();
            ArrayNode fields = JSON.arrayNode();
            fieldList(fields);
            whitespace();
            expect(']');
            whitespace();
            expectKeyword("in");
            whitespace();
            return JSON.arrayNode().add("in").add(fields).add(inValue());
        }
        int start = pos;
        String name = word();
        if (ENTITIES.contains(name)) {
            int afterName = pos;
            whitespace();
            if (peek('{')) {
                Where where = where();
                ArrayNode subquery = JSON.arrayNode().add("subquery").add(name);
                if (where.expression != null) {
                    subquery.add(where.expression);
                }
                return subquery;
            }
            pos = afterName;
        }
        pos = start;
        String field = field();
        whitespace();
        if (keyword("is")) {
            requireWhitespace();
            boolean negated = keyword("not");
            if (negated) {
                requireWhitespace();
            }
            expectKeyword("null");
            return JSON.arrayNode().add("null?").add(field).add(!negated);
        }
        if (keyword("in")) {
            whitespace();
            return JSON.arrayNode().add("in").add(field).add(inValue());
        }
        String op = operator();
        whitespace();
        JsonNode value = switch (op) {
            case "~" -> string();
            case "~>" -> regexList();
            case "<", "<=", ">", ">=" -> peek('"') || peek('\'') ? string() : number();
            default -> literal();
        };
        return switch (op) {
            case "!=" -> JSON.arrayNode().add("not").add(JSON.arrayNode().add("=").add(field).add(value));
            case "!~" -> JSON.arrayNode().add("not").add(JSON.arrayNode().add("~").add(field).add(value));
            default -> JSON.arrayNode().add(op).add(field).add(value);
        };
    }

    private JsonNode inValue() {
        if (peek('[')) {
            pos++;
            whitespace();
            ArrayNode values = JSON.arrayNode();
            do {
                whitespace();
                values.add(literal());
                whitespace();
            } while (consume(','));
            expect(']');
            return JSON.arrayNode().add("array").add(values);
        }
        return from();
    }

    private ArrayNode regexList() {
        expect('[');
        ArrayNode list = JSON.arrayNode();
        do {
            whitespace();
            list.add(string());
            whitespace();
        } while (consume(','));
        expect(']');
        return list;
    }

    private String operator() {
        for (String op : new String[] {"!=", "!~", "~>", "<=", ">=", "=", "~", "<", ">"}) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        throw error("an operator (=, !=, ~, !~, ~>, <, <=, >, >=, in, is null, is not null)");
    }

    // ------------------------------------------------------------------ values

    private JsonNode literal() {
        if (peek('"') || peek('\'')) {
            return string();
        }
        if (peek('[')) {
            pos++;
            ArrayNode array = JSON.arrayNode();
            whitespace();
            do {
                whitespace();
                array.add(literal());
                whitespace();
            } while (consume(','));
            expect(']');
            return array;
        }
        if (keyword("true")) {
            return JSON.booleanNode(true);
        }
        if (keyword("false")) {
            return JSON.booleanNode(false);
        }
        return number();
    }

    private JsonNode string() {
        if (consume('"')) {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '"') {
                pos += text.charAt(pos) == '\\' ? 2 : 1;
            }
            if (pos >= text.length()) {
                throw error("a closing \"");
            }
            String raw = text.substring(start, pos);
            pos++;
            try {
                return MAPPER.readTree("\"" + raw + "\"");
            } catch (JsonProcessingException e) {
                pos = start;
                throw error("a valid string escape");
            }
        }
        if (consume('\'')) {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '\'') {
                pos += text.charAt(pos) == '\\' ? 2 : 1;
            }
            if (pos >= text.length()) {
                throw error("a closing '");
            }
            String raw = text.substring(start, pos);
            pos++;
            return JSON.textNode(raw.replace("\\'", "'"));
        }
        throw error("a string");
    }

    private JsonNode number() {
        int start = pos;
        consume('-');
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            pos = start;
            throw error("a value");
        }
        boolean real = false;
        if (peek('.') && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
            real = true;
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (peek('e') || peek('E')) {
                pos++;
                if (peek('+') || peek('-')) {
                    pos++;
                }
                int exponent = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (pos == exponent) {
                    throw error("an exponent");
                }
            }
        }
        String number = text.substring(start, pos);
        try {
            return real ? JSON.numberNode(Double.parseDouble(number)) : JSON.numberNode(Long.parseLong(number));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("a number");
        }
    }

    // ------------------------------------------------------------------ fields and words

    /** {@code [a-zA-Z0-9_]+\??}, or facts/trusted/parameters followed by dotted parts. */
    private String field() {
        int start = pos;
        String name = word();
        if (name.isEmpty()) {
            throw error("a field");
        }
        if (DOTTED.contains(name) && peek('.')) {
            StringBuilder out = new StringBuilder(name);
            while (consume('.')) {
                out.append('.').append(fieldPart());
            }
            return out.toString();
        }
        if (consume('?')) {
            return name + "?";
        }
        if (peek('.')) {
            pos = start;
            throw error("a field (dotted fields exist only under facts, trusted and parameters)");
        }
        return name;
    }

    private String fieldPart() {
        int start = pos;
        if (peek('"')) {
            int close = pos + 1;
            while (true) {
                close = text.indexOf('"', close);
                if (close < 0) {
                    throw error("a closing \" in a quoted field");
                }
                int after = close + 1;
                if (after == text.length() || text.charAt(after) == '.' || Character.isWhitespace(text.charAt(after))) {
                    break;
                }
                close = after;
            }
            pos = close + 1;
            return text.substring(start, pos);
        }
        if (text.startsWith("match(", pos)) {
            int close = text.indexOf(')', pos);
            if (close < 0) {
                throw error("a closing ) of match(");
            }
            pos = close + 1;
            return text.substring(start, pos);
        }
        // PQL's standard field part: anything but whitespace and . " , [ ] ! < = > ~
        while (pos < text.length() && ".\",[]!<=>~".indexOf(text.charAt(pos)) < 0
                && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("a field name after '.'");
        }
        if (peek('[')) {
            int close = text.indexOf(']', pos);
            if (close > pos + 1 && text.substring(pos + 1, close).chars().allMatch(Character::isDigit)) {
                pos = close + 1;
            }
        }
        return text.substring(start, pos);
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean lookingAtKeyword(String word) {
        if (!text.startsWith(word, pos)) {
            return false;
        }
        int end = pos + word.length();
        return end == text.length() || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_');
    }

    private boolean keyword(String word) {
        if (lookingAtKeyword(word)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    private void expectKeyword(String word) {
        if (!keyword(word)) {
            throw error("'" + word + "'");
        }
    }

    /** Skips whitespace; true if there was some. */
    private boolean whitespace() {
        int start = pos;
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return pos > start;
    }

    private void requireWhitespace() {
        if (!whitespace()) {
            throw error("whitespace");
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean consume(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("'" + c + "'");
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private QueryException error(String expected) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        String found = atEnd() ? "the end of the query" : "'" + text.substring(pos, Math.min(text.length(), pos + 20))
                + "'";
        return new QueryException("PQL parse error at line " + line + ", column " + column + ": expected " + expected
                + ", found " + found);
    }
}
