package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Execution;
import io.dataflow.engine.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deleting a finished execution while one of its webhooks is being recorded as sent: the delete waits for the
 * attempt and takes it along, instead of failing on the attempt's foreign key (a 500 of
 * {@code DELETE /workflows/{id}/executions/{eid}} that the API fuzz found).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ExecutionDeletionTests {

    @Parameter
    TestDatabase kind;

    @Test
    void anAttemptRecordedDuringTheDeleteIsDeletedWithTheExecution() throws Exception {
        try (StoreFixture stores = new StoreFixture(kind, Clock.systemUTC(), "deletion " + UUID.randomUUID())) {
            Execution execution = stores.start("http://127.0.0.1:1/hook");
            String delivery = stores.database.read(sql -> sql.one("SELECT id FROM webhook_deliveries"
                    + " WHERE execution_id = ?", r -> r.string("id"), execution.id())).orElseThrow();
            stores.database.transaction(sql -> sql.update("UPDATE executions SET status = 'COMPLETED'"
                    + " WHERE id = ?", execution.id()));

            try (Connection sender = stores.fresh.dataSource().getConnection()) {
                // What WebhookDeliveryStore.recordAttempt does, held open: the delivery updated, its attempt added.
                sender.setAutoCommit(false);
                update(sender, "UPDATE webhook_deliveries SET status = 'DELIVERED', attempts = 1 WHERE id = ?",
                        delivery);
                try (PreparedStatement insert = sender.prepareStatement("INSERT INTO webhook_attempts (delivery_id,"
                        + " attempt, attempted_at, status_code, error, duration_ms) VALUES (?, 1, ?, 200, NULL, 3)")) {
                    insert.setString(1, delivery);
                    insert.setTimestamp(2, Timestamp.from(Instant.now()));
                    insert.executeUpdate();
                }

                CompletableFuture<ExecutionStore.Deletion> deletion = CompletableFuture.supplyAsync(() ->
                        stores.executions.delete(stores.organizationId, stores.workflowId, execution.id()));
                awaitBlockedBy(sender, deletion);
                sender.commit();

                assertThat(deletion.get(30, TimeUnit.SECONDS)).isEqualTo(ExecutionStore.Deletion.DELETED);
            }
            assertThat(count(stores, "SELECT COUNT(*) AS n FROM webhook_attempts WHERE delivery_id = ?", delivery))
                    .isZero();
            assertThat(count(stores, "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE id = ?", delivery)).isZero();
            assertThat(count(stores, "SELECT COUNT(*) AS n FROM executions WHERE id = ?", execution.id())).isZero();
        }
    }

    /** Waits until the delete waits for a lock the sender holds (or has failed or ended without waiting). */
    private void awaitBlockedBy(Connection sender, CompletableFuture<?> deletion) throws SQLException,
            InterruptedException {
        String session = kind == TestDatabase.H2 ? "SELECT SESSION_ID()" : "SELECT pg_backend_pid()";
        String waiting = kind == TestDatabase.H2
                ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = ?"
                : "SELECT COUNT(*) FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))";
        long id;
        try (PreparedStatement s = sender.prepareStatement(session); ResultSet r = s.executeQuery()) {
            r.next();
            id = r.getLong(1);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!deletion.isDone() && Instant.now().isBefore(deadline)) {
            try (PreparedStatement s = sender.prepareStatement(waiting)) {
                if (kind == TestDatabase.H2) {
                    s.setLong(1, id);
                } else {
                    s.setInt(1, (int) id);
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getLong(1) > 0) {
                        return;
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the delete did not wait for the attempt being recorded (done: " + deletion.isDone()
                + ")");
    }

    private static void update(Connection connection, String sql, String id) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    private static long count(StoreFixture stores, String sql, String id) {
        return stores.database.read(s -> s.one(sql, r -> r.longValue("n"), id)).orElseThrow();
    }
}
