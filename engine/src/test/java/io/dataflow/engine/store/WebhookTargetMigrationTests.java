package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.testing.TestDatabase;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Migration V6 gives the deliveries already stored the same target {@link WebhookTarget#of} gives new ones. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class WebhookTargetMigrationTests {

    private static final List<String> URLS = List.of("http://Example.COM/hook", "https://hooks.example.com/a?b=c",
            "https://user:secret@Api.example.com:8443/x", "http://[::1]:9000/h", "http://[::1]/h",
            "HTTPS://x.example#frag", "http://h.example:80");

    @Parameter
    TestDatabase kind;

    @Test
    void storedDeliveriesGetTheTargetOfTheirUrl() {
        try (TestDatabase.Fresh fresh = kind.fresh()) {
            Database database = fresh.database();
            flyway(fresh, "4").migrate(); // a schema from before V6
            Instant now = Instant.parse("2030-01-01T00:00:00Z");
            database.transaction(sql -> {
                sql.update("INSERT INTO organizations (id, name, webhook_secret, created_at) VALUES ('org', 'o', 's', ?)",
                        now);
                sql.update("INSERT INTO workflows (id, organization_id, name, name_key, current_version, created_at,"
                        + " updated_at) VALUES ('wf', 'org', 'w', 'w', 1, ?, ?)", now, now);
                sql.update("INSERT INTO executions (id, organization_id, workflow_id, workflow_version, status, inputs,"
                        + " trigger_source, remaining_tasks, event_sequence, created_at)"
                        + " VALUES ('ex', 'org', 'wf', 1, 'COMPLETED', '{}', 'api.dataflow', 0, ?, ?)", URLS.size(), now);
                for (int i = 0; i < URLS.size(); i++) {
                    sql.update("INSERT INTO webhook_deliveries (id, organization_id, execution_id, sequence, url,"
                            + " event_type, payload, status, attempts, next_attempt_at, created_at)"
                            + " VALUES (?, 'org', 'ex', ?, ?, 'execution.status_changed', '{}', 'PENDING', 0, ?, ?)",
                            "whd-" + i, i + 1, URLS.get(i), now, now);
                }
                return null;
            });

            database.migrate();

            Map<String, String> targets = new HashMap<>();
            for (List<String> row : database.read(sql -> sql.query("SELECT url, target FROM webhook_deliveries",
                    r -> List.of(r.string("url"), r.string("target"))))) {
                targets.put(row.get(0), row.get(1));
            }
            assertThat(targets).hasSize(URLS.size());
            URLS.forEach(url -> assertThat(targets.get(url)).as(url).isEqualTo(WebhookTarget.of(url)));
            assertThat(targets.get("https://user:secret@Api.example.com:8443/x")).isEqualTo("api.example.com:8443");
            assertThat(targets.get("http://[::1]/h")).isEqualTo("[::1]:80");
        }
    }

    /** Flyway as {@link Database#migrate} sets it up, stopping at {@code version}. */
    private static Flyway flyway(TestDatabase.Fresh fresh, String version) {
        SqlDialect dialect = fresh.database().dialect();
        return Flyway.configure()
                .dataSource(fresh.dataSource())
                .locations("classpath:db/migration", "classpath:db/vendor/" + dialect.name().toLowerCase(Locale.ROOT))
                .placeholders(Map.of("text", dialect.textType(), "blob", dialect.blobType()))
                .target(version)
                .load();
    }
}
