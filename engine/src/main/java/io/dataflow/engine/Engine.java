package io.dataflow.engine;

import io.dataflow.engine.definition.DefinitionCompiler;
import io.dataflow.engine.definition.FileInputs;
import io.dataflow.engine.definition.InputValidator;
import io.dataflow.engine.run.BulkJobRunner;
import io.dataflow.engine.run.ExecutionPurger;
import io.dataflow.engine.run.EngineConfig;
import io.dataflow.engine.run.PlanCache;
import io.dataflow.engine.run.TaskWorkers;
import io.dataflow.engine.run.WakeSignal;
import io.dataflow.engine.spi.TaskServices;
import io.dataflow.engine.spi.TaskTypeRegistry;
import io.dataflow.engine.store.BindingStore;
import io.dataflow.engine.store.BulkJobStore;
import io.dataflow.engine.store.Database;
import io.dataflow.engine.store.EventOutbox;
import io.dataflow.engine.store.EventStore;
import io.dataflow.engine.store.ExecutionChanges;
import io.dataflow.engine.store.ExecutionStore;
import io.dataflow.engine.store.ApiKeyStore;
import io.dataflow.engine.store.OrganizationStore;
import io.dataflow.engine.store.UserStore;
import io.dataflow.engine.store.TaskQueue;
import io.dataflow.engine.store.TaskTransitions;
import io.dataflow.engine.store.WebhookDeliveryStore;
import io.dataflow.engine.store.WorkflowStore;
import java.time.Duration;

/**
 * The workflow engine of one node: its services for the API dialects and its workers. Create it, call
 * {@link #start()}, and {@link #close()} it on shutdown; stopping without closing is safe too, since every
 * accepted execution and finished task is in the database and leases of a dead node expire.
 */
public final class Engine implements AutoCloseable {

    private final Database database;
    private final TaskTypeRegistry registry;
    private final DefinitionCompiler compiler;
    private final WorkflowService workflows;
    private final BindingService bindings;
    private final ExecutionService executions;
    private final OrganizationStore organizations;
    private final UserStore users;
    private final ApiKeyStore apiKeys;
    private final WebhookDeliveryStore webhookDeliveries;
    private final WakeSignal webhookEvents;
    private final ExecutionChanges changes = new ExecutionChanges();
    private final TaskWorkers workers;
    private final BulkService bulk;
    private final BulkJobRunner bulkRunner;
    private final ExecutionPurger purger;
    private final Duration executionRetention;

    /** @param services what running tasks may use: outbound HTTP, credentials, files */
    public Engine(Database database, TaskTypeRegistry registry, EngineConfig config, TaskServices services) {
        this.database = database;
        this.registry = registry;
        this.compiler = new DefinitionCompiler(registry);
        this.webhookEvents = new WakeSignal(config.clock());
        EventOutbox outbox = new EventOutbox(webhookEvents::signal, changes);
        WorkflowStore workflowStore = new WorkflowStore(database, config.clock());
        // The store wakes this node's dispatcher when a transaction that made task runs ready commits.
        WakeSignal signal = new WakeSignal(config.clock());
        PlanCache plans = new PlanCache(workflowStore, compiler);
        TaskQueue queue = new TaskQueue(database, outbox, config.clock(), config.outputLimits(), plans);
        TaskTransitions transitions = new TaskTransitions(database, outbox, config.clock(), config.outputLimits(),
                signal, plans);
        ExecutionStore executionStore = new ExecutionStore(database, outbox, signal);
        this.purger = new ExecutionPurger(executionStore, config);
        this.executionRetention = config.executionRetention();
        this.executions = new ExecutionService(workflowStore, executionStore,
                new EventStore(database, outbox, config.clock(), signal, plans), transitions, plans, compiler,
                new InputValidator(),
                new FileInputs(services.files()), services.credentials(), config.outputLimits(), config.clock());
        this.users = new UserStore(database, config.clock());
        this.apiKeys = new ApiKeyStore(database, config.clock());
        this.workflows = new WorkflowService(workflowStore, users, compiler, executions);
        this.bindings = new BindingService(new BindingStore(database, transitions, config.clock()), workflowStore,
                executions);
        this.organizations = new OrganizationStore(database, config.clock());
        this.webhookDeliveries = new WebhookDeliveryStore(database, config.clock());
        this.workers = new TaskWorkers(queue, transitions, plans, signal, config, services);
        WakeSignal bulkJobs = new WakeSignal(config.clock());
        BulkJobStore bulkStore = new BulkJobStore(database, transitions, config.clock(), bulkJobs);
        this.bulk = new BulkService(bulkStore);
        this.bulkRunner = new BulkJobRunner(bulkStore, bulkJobs, config);
    }

    /** Migrates the schema and starts this node's workers. */
    public void start() {
        database.migrate();
        workers.start();
        bulkRunner.start();
        purger.start();
    }

    @Override
    public void close() {
        purger.stop();
        bulkRunner.stop();
        workers.close();
        executions.close();
    }

    public WorkflowService workflows() {
        return workflows;
    }

    /**
     * How long finished executions are kept unless they say otherwise ({@link EngineConfig#executionRetention});
     * zero for ever. An execution's own retention may not be longer.
     */
    public Duration executionRetention() {
        return executionRetention;
    }

    /** Names under which workflows take named executions, and those executions. */
    public BindingService bindings() {
        return bindings;
    }

    public ExecutionService executions() {
        return executions;
    }

    /** Bulk operations on the executions of a workflow. */
    public BulkService bulk() {
        return bulk;
    }

    public UserStore users() {
        return users;
    }

    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    public OrganizationStore organizations() {
        return organizations;
    }

    public WebhookDeliveryStore webhookDeliveries() {
        return webhookDeliveries;
    }

    /**
     * Signalled after each transaction on this node that wrote webhook events commits, so a sender can wait on it
     * instead of polling often. Events written by other nodes are not signalled here.
     */
    public WakeSignal webhookEvents() {
        return webhookEvents;
    }

    /**
     * Tells watchers of an execution that it changed, after each transaction on this node that changed it commits:
     * for live views, which must still read now and then for changes other nodes made.
     */
    public ExecutionChanges changes() {
        return changes;
    }

    public TaskTypeRegistry taskTypes() {
        return registry;
    }

    public Database database() {
        return database;
    }
}
