package io.dataflow.engine.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The circuit breaker of webhook targets, in the {@code webhook_targets} table so that every node sees it.
 * <ul>
 * <li>Closed while a target answers. Failed attempts in a row are counted.
 * <li>Open after {@link BreakerPolicy#failures()} of them, until {@code blocked_until}: every pending delivery of
 *     the target is parked ({@link #PARKING} ahead) in one statement, so it holds no slot and no claim reads it.
 *     Events written meanwhile are parked as they are written.
 * <li>Half-open once {@code blocked_until} has passed: the first claim to get there takes one delivery of the
 *     target as the probe and holds the target for as long as the probe may take. The probe's success closes the
 *     breaker and brings the parked deliveries back at once; its failure opens the breaker again, for twice as
 *     long (at most {@link BreakerPolicy#maxCooldown()}), without touching the parked rows.
 * </ul>
 * Parking is finite so that nothing can be left behind: a parked delivery that comes due while its target is still
 * held back is parked again by the claim that finds it.
 *
 * <p>Rows another transaction holds are skipped rather than waited for, so the breaker never queues behind claims
 * and attempts; whatever it skips, the next claim to find due sets right. Every method runs inside the caller's
 * transaction.
 */
final class TargetBreaker {

    /** How far ahead the deliveries of a held-back target are put. */
    static final Duration PARKING = Duration.ofMinutes(10);
    /** Ids per UPDATE when deliveries are moved. */
    private static final int CHUNK = 500;

    private TargetBreaker() {
    }

    /** The targets among {@code targets} that are held back (open or half-open), with their {@code blocked_until}. */
    static Map<String, Instant> heldBack(Sql sql, Collection<String> targets) throws SQLException {
        Map<String, Instant> held = new HashMap<>();
        if (!targets.isEmpty()) {
            for (Held target : sql.query("SELECT target, blocked_until FROM webhook_targets"
                    + " WHERE blocked_until IS NOT NULL AND target IN (" + Sql.placeholders(targets.size()) + ")",
                    r -> new Held(r.string("target"), r.instant("blocked_until")), targets.toArray())) {
                held.put(target.target(), target.blockedUntil());
            }
        }
        return held;
    }

    /** Half-open targets, not among {@code skipped}, the longest waiting first: each is due a probe. */
    static List<String> halfOpen(Sql sql, Instant now, Set<String> skipped) throws SQLException {
        return sql.query("SELECT target FROM webhook_targets WHERE blocked_until <= ? ORDER BY blocked_until",
                r -> r.string("target"), now).stream().filter(target -> !skipped.contains(target)).toList();
    }

    /** Takes the probe of a half-open target, holding it until {@code probeUntil}; false when another claim did. */
    static boolean takeProbe(Sql sql, String target, Instant now, Instant probeUntil) throws SQLException {
        return sql.update("UPDATE webhook_targets SET blocked_until = ? WHERE target = ? AND blocked_until <= ?",
                probeUntil, target, now) > 0;
    }

    /**
     * A half-open target with no delivery to probe with: its breaker stays armed (the failures stay counted, so the
     * next failure opens it again) but holds nothing back.
     */
    static void nothingToProbe(Sql sql, String target, Instant now) throws SQLException {
        sql.update("UPDATE webhook_targets SET blocked_until = NULL WHERE target = ? AND blocked_until <= ?", target,
                now);
    }

    /** Parks every pending delivery of {@code target} that would come due within {@link #PARKING}. */
    static void park(Sql sql, String target, Instant now) throws SQLException {
        Instant until = now.plus(PARKING);
        move(sql, "SELECT id FROM webhook_deliveries WHERE target = ? AND status = "
                + StatusSql.of(DeliveryStatus.PENDING) + " AND next_attempt_at < ?",
                until, target, until);
    }

    /**
     * Records a failed attempt at {@code target}. Opens the breaker when this failure is one too many and it is not
     * open, or when this was its probe; a failure while it is open (an attempt that started before) only counts.
     * Inserting a target's first failure can collide with another node's: the caller runs it again.
     */
    static Verdict failed(Sql sql, String target, boolean probe, Instant now, BreakerPolicy policy)
            throws SQLException {
        if (sql.update("UPDATE webhook_targets SET failures = failures + 1, last_failure_at = ? WHERE target = ?",
                now, target) == 0) {
            sql.update("INSERT INTO webhook_targets (target, failures, opened, blocked_until, last_failure_at)"
                    + " VALUES (?, 1, 0, NULL, ?)", target, now);
        }
        State state = sql.one("SELECT failures, opened, blocked_until FROM webhook_targets WHERE target = ?",
                r -> new State(r.integer("failures"), r.integer("opened"), r.instant("blocked_until")), target)
                .orElseThrow();
        boolean open = state.blockedUntil() != null && state.blockedUntil().isAfter(now);
        if (state.failures() < policy.failures() || (open && !probe)) {
            return new Verdict(open ? state.blockedUntil() : null, false);
        }
        int opened = state.opened() + 1;
        Instant until = now.plus(policy.cooldown(opened));
        sql.update("UPDATE webhook_targets SET opened = ?, blocked_until = ? WHERE target = ?", opened, until, target);
        if (!probe) { // after a probe the others are parked already
            park(sql, target, now);
        }
        return new Verdict(until, true);
    }

    /**
     * What a failure did to its target's breaker.
     *
     * @param heldUntil when the target's next attempt may go; null while the breaker is closed
     * @param opened whether this failure opened the breaker
     */
    record Verdict(Instant heldUntil, boolean opened) {
    }

    /** Records an answered attempt: closes the breaker and brings back the deliveries it parked. */
    static void answered(Sql sql, String target, Instant now) throws SQLException {
        Optional<Integer> opened = sql.one("SELECT opened FROM webhook_targets WHERE target = ?",
                r -> r.integer("opened"), target);
        if (opened.isEmpty()) {
            return; // the usual case: no failure on record
        }
        if (opened.get() > 0) { // retries waiting out their own backoff go too: the receiver is back
            move(sql, "SELECT id FROM webhook_deliveries WHERE target = ? AND status = "
                    + StatusSql.of(DeliveryStatus.PENDING)
                    + " AND next_attempt_at > ?", now, target, now);
        }
        sql.update("DELETE FROM webhook_targets WHERE target = ?", target);
    }

    /**
     * Forgets targets that have not failed since {@code before} and have held nothing back since. Deliveries still
     * parked for one come due at the end of their parking and are tried as usual.
     */
    static int forget(Sql sql, Instant before) throws SQLException {
        return sql.update("DELETE FROM webhook_targets WHERE last_failure_at < ?"
                + " AND (blocked_until IS NULL OR blocked_until < ?)", before, before);
    }

    /**
     * Sets {@code next_attempt_at} to {@code to} on the rows {@code select} finds, but for those another transaction
     * holds. Two statements, because H2 runs an {@code IN (SELECT ... FOR UPDATE)} subquery once per outer row.
     */
    private static void move(Sql sql, String select, Instant to, Object... params) throws SQLException {
        List<String> ids = sql.query(select + " FOR UPDATE SKIP LOCKED", r -> r.string("id"), params);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            sql.update("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id IN ("
                    + Sql.placeholders(chunk.size()) + ")", Sql.concat(new Object[] {to}, chunk));
        }
    }

    private record State(int failures, int opened, Instant blockedUntil) {
    }

    private record Held(String target, Instant blockedUntil) {
    }
}
