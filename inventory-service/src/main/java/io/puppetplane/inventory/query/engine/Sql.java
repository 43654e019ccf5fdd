package io.puppetplane.inventory.query.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A piece of SQL with its bind parameters in the order of their {@code ?} placeholders. Queries are assembled only
 * from such pieces, so user values never enter the SQL text.
 */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    public static Sql of(String text, Object... params) {
        Sql sql = new Sql();
        sql.text.append(text);
        Collections.addAll(sql.params, params);
        return sql;
    }

    public Sql append(String more, Object... moreParams) {
        text.append(more);
        Collections.addAll(params, moreParams);
        return this;
    }

    public Sql append(Sql more) {
        text.append(more.text);
        params.addAll(more.params);
        return this;
    }

    /** {@code pieces} joined by {@code separator}, each in parentheses. */
    public static Sql join(String separator, List<Sql> pieces) {
        Sql out = new Sql();
        for (int i = 0; i < pieces.size(); i++) {
            out.append(i == 0 ? "(" : separator + "(").append(pieces.get(i)).append(")");
        }
        return out;
    }

    public String text() {
        return text.toString();
    }

    public List<Object> params() {
        return List.copyOf(params);
    }

    public boolean isEmpty() {
        return text.length() == 0;
    }

    @Override
    public String toString() {
        return text + " " + params;
    }
}
