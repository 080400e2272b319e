package io.dataflow.engine.store;

import java.util.Locale;

/**
 * What differs between the databases the engine runs on. Everything else is one SQL text for all of them.
 */
public enum SqlDialect {
    /** Embedded H2 in file or memory mode: one node. */
    H2("CLOB", "BLOB"),
    /** PostgreSQL 15+: one or many nodes. */
    POSTGRESQL("TEXT", "BYTEA");

    private final String textType;
    private final String blobType;

    SqlDialect(String textType, String blobType) {
        this.textType = textType;
        this.blobType = blobType;
    }

    /** The column type for unbounded text and JSON documents. */
    public String textType() {
        return textType;
    }

    /** The column type for binary content such as stored files. */
    public String blobType() {
        return blobType;
    }

    /**
     * The clause that locks the rows a {@code SELECT} reads against concurrent changes, for counting under a lock.
     * On PostgreSQL it is {@code FOR NO KEY UPDATE}, which (unlike {@code FOR UPDATE}) does not block other
     * transactions from inserting rows that reference the locked one (an organization's executions, a user's
     * workflows) while it is held.
     */
    public String lockRows() {
        return this == POSTGRESQL ? "FOR NO KEY UPDATE" : "FOR UPDATE";
    }

    /** The dialect of a JDBC URL. */
    public static SqlDialect fromJdbcUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (u.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported database URL " + url + " (use jdbc:h2: or jdbc:postgresql:)");
    }
}
