package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Execution;
import io.dataflow.engine.run.EngineConfig;
import io.dataflow.engine.run.ExecutionPurger;
import io.dataflow.engine.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finished executions are purged, with what they left behind, once the retention has passed since they finished;
 * executions that have not finished, or finished more recently, stay.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ExecutionPurgeTests {

    @Parameter
    TestDatabase kind;

    @Test
    void executionsFinishedLongerAgoThanTheRetentionArePurgedWithTheirRunsAndEvents() {
        try (StoreFixture stores = new StoreFixture(kind, Clock.systemUTC(), "purge " + UUID.randomUUID())) {
            Instant now = Instant.now();
            Execution old = stores.start(null);
            Execution recent = stores.start(null);
            Execution unfinished = stores.start(null);
            finish(stores, old, now);
            finish(stores, recent, now.plus(Duration.ofMinutes(90)));
            stores.database.transaction(sql -> sql.update("INSERT INTO execution_events (id, execution_id, type,"
                    + " payload, received_at) VALUES (?, ?, 'approval', '{}', ?)", Ids.next("evt"), old.id(), now));

            // Two hours on, with a retention of an hour: only what finished before an hour ago goes.
            Clock later = Clock.fixed(now.plus(Duration.ofHours(2)), ZoneOffset.UTC);
            ExecutionPurger purger = new ExecutionPurger(stores.executions, new EngineConfig("purge-test", 1,
                    Duration.ofSeconds(30), Duration.ofSeconds(1), later, OutputLimits.DEFAULT,
                    io.dataflow.engine.spi.EventLinks.NONE, Duration.ofHours(1)));

            assertThat(purger.purgeOnce()).isEqualTo(1);
            assertThat(exists(stores, old)).isFalse();
            assertThat(count(stores, "execution_events", old)).isZero();
            assertThat(count(stores, "task_runs", old)).isZero();
            assertThat(exists(stores, recent)).isTrue();
            assertThat(exists(stores, unfinished)).isTrue();
            assertThat(purger.purgeOnce()).as("nothing more to purge").isZero();
        }
    }

    @Test
    void executionsWithARetentionOfTheirOwnArePurgedAtTheirTimeWhateverTheServersRetention() {
        try (StoreFixture stores = new StoreFixture(kind, Clock.systemUTC(), "own " + UUID.randomUUID())) {
            Instant now = Instant.now();
            Execution due = stores.start(null);
            Execution kept = stores.start(null);
            // Both finished three hours ago; one is kept for two hours, the other for four.
            finish(stores, due, now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1)));
            finish(stores, kept, now.minus(Duration.ofHours(3)), now.plus(Duration.ofHours(1)));

            for (Duration serverRetention : new Duration[] {Duration.ofHours(1), Duration.ZERO}) {
                ExecutionPurger purger = new ExecutionPurger(stores.executions, new EngineConfig("purge-test", 1,
                        Duration.ofSeconds(30), Duration.ofSeconds(1), Clock.fixed(now, ZoneOffset.UTC),
                        OutputLimits.DEFAULT, io.dataflow.engine.spi.EventLinks.NONE, serverRetention));

                purger.purgeOnce();

                assertThat(exists(stores, due)).as("purged at its own time").isFalse();
                assertThat(exists(stores, kept)).as("kept past the server's retention of " + serverRetention)
                        .isTrue();
            }
        }
    }

    private static void finish(StoreFixture stores, Execution execution, Instant at, Instant purgeAt) {
        stores.database.transaction(sql -> sql.update("UPDATE executions SET status = 'COMPLETED', completed_at = ?,"
                + " purge_at = ? WHERE id = ?", at, purgeAt, execution.id()));
    }

    private static void finish(StoreFixture stores, Execution execution, Instant at) {
        stores.database.transaction(sql -> sql.update("UPDATE executions SET status = 'COMPLETED', completed_at = ?"
                + " WHERE id = ?", at, execution.id()));
    }

    private static boolean exists(StoreFixture stores, Execution execution) {
        return count(stores, "executions", execution) > 0;
    }

    private static long count(StoreFixture stores, String table, Execution execution) {
        String column = table.equals("executions") ? "id" : "execution_id";
        return stores.database.read(sql -> sql.one("SELECT COUNT(*) AS n FROM " + table + " WHERE " + column
                + " = ?", r -> r.longValue("n"), execution.id())).orElse(0L);
    }
}
