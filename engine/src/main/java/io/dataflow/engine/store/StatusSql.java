package io.dataflow.engine.store;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Statuses as they are written into SQL: every statement takes its statuses from the enums through here, never
 * from a string literal of its own. They are written as literals rather than bound, so that PostgreSQL matches a
 * query to the partial index whose predicate names the same statuses (a generic plan with bound values cannot).
 */
final class StatusSql {

    private StatusSql() {
    }

    /** One status as a SQL literal: {@code 'RUNNING'}. */
    static String of(Enum<?> status) {
        return "'" + status.name() + "'";
    }

    /** Statuses as a parenthesised SQL list for {@code IN}, in their declaration order: {@code ('A', 'B')}. */
    static String in(Collection<? extends Enum<?>> statuses) {
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one status");
        }
        return statuses.stream().sorted((a, b) -> Integer.compare(a.ordinal(), b.ordinal())).map(StatusSql::of)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
