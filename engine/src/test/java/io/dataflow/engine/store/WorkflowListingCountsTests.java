package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Lifecycle;
import io.dataflow.engine.model.Workflow;
import io.dataflow.engine.model.WorkflowQuery;
import io.dataflow.engine.model.WorkflowStatus;
import io.dataflow.engine.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A listing's count is kept by the server that counted it until the organization's workflows change: every change
 * that can alter what a listing matches or who may read it, made on this server or another one over the same
 * database, is seen by the next listing.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class WorkflowListingCountsTests {

    private static final Definition EMPTY = new Definition(List.of(), List.of(), List.of(), null);

    @Parameter
    TestDatabase kind;

    @Test
    void everyChangeOnEitherServerIsCountedByTheNextListing() {
        try (StoreFixture stores = new StoreFixture(kind, Clock.systemUTC(), "listing " + UUID.randomUUID())) {
            String org = stores.organizationId;
            WorkflowStore here = stores.workflows;
            WorkflowStore there = new WorkflowStore(stores.database, Clock.systemUTC()); // another server
            UserStore users = new UserStore(stores.database, Clock.systemUTC());
            String owner = users.create(org, "Owner", null, false, 0).id();
            String colleague = users.create(org, "Colleague", null, false, 0).id();
            Access admin = Access.admin(org);
            Access reader = new Access(org, colleague, false);
            WorkflowQuery reports = query(null, null, "report");

            String first = create(there, org, owner, "Daily report", List.of("ops"));
            assertThat(count(here, admin, reports)).isEqualTo(1);
            assertThat(count(here, admin, reports)).as("kept").isEqualTo(1);

            String second = create(there, org, owner, "Sales", List.of());
            assertThat(count(here, admin, reports)).isEqualTo(1);
            there.update(org, second, change("Sales report", null), owner);
            assertThat(count(here, admin, reports)).as("renamed on the other server").isEqualTo(2);

            assertThat(count(here, admin, query(null, "ops", null))).isEqualTo(1);
            there.update(org, second, change(null, List.of("ops")), owner);
            assertThat(count(here, admin, query(null, "ops", null))).as("tagged").isEqualTo(2);

            assertThat(count(here, admin, query(WorkflowStatus.ACTIVE, null, null))).isZero();
            there.transition(org, first, w -> new Lifecycle.Changed(status(w, WorkflowStatus.ACTIVE)));
            assertThat(count(here, admin, query(WorkflowStatus.ACTIVE, null, null))).as("deployed").isEqualTo(1);

            assertThat(count(here, reader, reports)).isZero();
            there.share(first, colleague);
            assertThat(count(here, reader, reports)).as("shared").isEqualTo(1);
            assertThat(count(here, admin, reports)).as("an administrator's count is not a user's").isEqualTo(2);
            there.unshare(first, colleague);
            assertThat(count(here, reader, reports)).as("unshared").isZero();

            there.delete(org, first);
            assertThat(count(here, admin, reports)).as("deleted").isEqualTo(1);
            assertThat(count(here, admin, query(WorkflowStatus.ACTIVE, null, null))).isZero();
        }
    }

    private static WorkflowQuery query(WorkflowStatus status, String tag, String search) {
        return new WorkflowQuery(status, tag, search, WorkflowQuery.Sort.CREATED_AT, true, 0, 20);
    }

    private static long count(WorkflowStore store, Access access, WorkflowQuery query) {
        return store.list(access, query).total();
    }

    private static String create(WorkflowStore store, String org, String owner, String name, List<String> tags) {
        return store.create(new WorkflowStore.NewWorkflow(org, owner, name, null, WorkflowStatus.DRAFT, tags, false,
                false, EMPTY, Json.object())).id();
    }

    private static WorkflowStore.WorkflowChange change(String name, List<String> tags) {
        return new WorkflowStore.WorkflowChange(name, null, tags, null, null, null, null);
    }

    private static Workflow status(Workflow w, WorkflowStatus to) {
        return new Workflow(w.id(), w.organizationId(), w.name(), w.description(), w.currentVersion(), to,
                w.ownerId(), w.tags(), w.isPublic(), w.isTemplate(), w.deployedVersion(), w.createdAt(),
                w.updatedAt());
    }
}
