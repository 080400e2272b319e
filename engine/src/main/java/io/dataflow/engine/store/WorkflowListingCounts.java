package io.dataflow.engine.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.WorkflowQuery;
import io.dataflow.engine.model.WorkflowStatus;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The counts of recent workflow listings, kept under their organization's generation
 * ({@code workflow_listing_generations}), a number every change to the organization's workflows that can change what
 * a listing matches or who may read it moves on, in the change's own transaction. A listing whose organization's
 * generation has not moved since the same filters were counted, on this server, reuses that count: exact, since any
 * change that could alter it would have moved the number, whichever server made it.
 *
 * <p>Changes of one organization's workflows take turns at its generation row until they commit, as they do at the
 * status counts ({@link WorkflowStatusCounts}); callers move it last in their transaction.
 */
final class WorkflowListingCounts {

    /** What a count depends on: whose listing (an administrator's or one user's) and the filters. */
    private record Key(String organizationId, long generation, String reader, WorkflowStatus status, String tag,
            String search, Boolean template) {
    }

    private final Cache<Key, Long> counts = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    /** The row of a new organization. */
    static void create(Sql sql, String organizationId) throws SQLException {
        sql.update("INSERT INTO workflow_listing_generations (organization_id, generation) VALUES (?, 0)",
                organizationId);
    }

    /** The organization's workflows changed: the counts kept so far no longer hold. */
    static void changed(Sql sql, String organizationId) throws SQLException {
        sql.update("UPDATE workflow_listing_generations SET generation = generation + 1 WHERE organization_id = ?",
                organizationId);
    }

    /** The workflow's organization's workflows changed. */
    static void changedWorkflow(Sql sql, String workflowId) throws SQLException {
        sql.update("UPDATE workflow_listing_generations SET generation = generation + 1 WHERE organization_id ="
                + " (SELECT organization_id FROM workflows WHERE id = ?)", workflowId);
    }

    /**
     * Looks the listing's count up under the organization's current generation, read in the caller's transaction
     * before it counts: a count made then is kept under that generation, so a change committed meanwhile can only make
     * it a count of a later state, never keep an earlier one under a later number.
     */
    Lookup find(Sql sql, Access access, WorkflowQuery query) throws SQLException {
        Optional<Long> generation = sql.one("SELECT generation FROM workflow_listing_generations"
                + " WHERE organization_id = ?", r -> r.longValue("generation"), access.organizationId());
        if (generation.isEmpty()) {
            return new Lookup(null, null);
        }
        Key key = new Key(access.organizationId(), generation.get(), access.admin() ? null : access.userId(),
                query.status(), query.tag(), query.search(), query.template());
        return new Lookup(key, counts.getIfPresent(key));
    }

    /** Keeps a count made after {@link #find} found none. */
    void keep(Lookup lookup, long count) {
        if (lookup.key() != null) {
            counts.put(lookup.key(), count);
        }
    }

    /** A listing's count as {@link #find} found it: {@code count} null when it has to be counted. */
    record Lookup(Key key, Long count) {
    }
}
