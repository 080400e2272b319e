package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Lifecycle;
import io.dataflow.engine.model.Workflow;
import io.dataflow.engine.model.WorkflowStatus;
import io.dataflow.engine.testing.TestDatabase;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An administrator's stats come from counters kept as workflows are created, moved between statuses and deleted;
 * they must always equal counting the live workflows, which is what everyone else's stats still do.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class WorkflowStatusCountsTests {

    @Parameter
    TestDatabase kind;

    @Test
    void theCountersFollowCreatesStatusChangesAndDeletes() {
        try (StoreFixture stores = new StoreFixture(kind, Clock.systemUTC(), "counts " + UUID.randomUUID())) {
            String org = stores.organizationId;
            Access admin = Access.admin(org);
            String active1 = create(stores, WorkflowStatus.ACTIVE);
            String active2 = create(stores, WorkflowStatus.ACTIVE);
            String paused = create(stores, WorkflowStatus.PAUSED);
            assertThat(stores.workflows.countByStatus(admin)).isEqualTo(counts(1, 2, 1, 0)).isEqualTo(counted(stores));

            move(stores, active1, WorkflowStatus.ARCHIVED);
            move(stores, active2, WorkflowStatus.ACTIVE); // no change
            assertThat(stores.workflows.delete(org, paused)).isTrue();
            assertThat(stores.workflows.delete(org, paused)).isFalse();
            assertThat(stores.workflows.countByStatus(admin)).isEqualTo(counts(1, 1, 0, 1)).isEqualTo(counted(stores));

            // Another organization's workflows count there only.
            String other = stores.organizations.createOrganization("other " + UUID.randomUUID()).key()
                    .organizationId();
            assertThat(stores.workflows.countByStatus(Access.admin(other))).isEqualTo(counts(0, 0, 0, 0));
        }
    }

    private static String create(StoreFixture stores, WorkflowStatus status) {
        return stores.workflows.create(new WorkflowStore.NewWorkflow(stores.organizationId, null,
                "w-" + Ids.next("t"), null, status, List.of(), false, false,
                new Definition(List.of(), List.of(), List.of(), null), Json.object())).id();
    }

    private static void move(StoreFixture stores, String workflowId, WorkflowStatus to) {
        stores.workflows.transition(stores.organizationId, workflowId, w -> new Lifecycle.Changed(new Workflow(w.id(),
                w.organizationId(), w.name(), w.description(), w.currentVersion(), to, w.ownerId(), w.tags(),
                w.isPublic(), w.isTemplate(), w.deployedVersion(), w.createdAt(), w.updatedAt())));
    }

    private static Map<WorkflowStatus, Long> counts(long draft, long active, long paused, long archived) {
        Map<WorkflowStatus, Long> counts = new EnumMap<>(WorkflowStatus.class);
        counts.put(WorkflowStatus.DRAFT, draft);
        counts.put(WorkflowStatus.ACTIVE, active);
        counts.put(WorkflowStatus.PAUSED, paused);
        counts.put(WorkflowStatus.ARCHIVED, archived);
        return counts;
    }

    /** The live workflows counted. */
    private static Map<WorkflowStatus, Long> counted(StoreFixture stores) {
        Map<WorkflowStatus, Long> counts = counts(0, 0, 0, 0);
        stores.database.read(sql -> sql.query("SELECT status, COUNT(*) AS n FROM workflows WHERE organization_id = ?"
                + " AND deleted_at IS NULL GROUP BY status", r -> counts.put(WorkflowStatus.valueOf(r.string("status")),
                r.longValue("n")), stores.organizationId));
        return counts;
    }
}
