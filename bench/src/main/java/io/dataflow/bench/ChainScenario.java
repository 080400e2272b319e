package io.dataflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario (a): one long sequential chain, executed again and again, one execution at a time. What a task's own
 * attempt does not account for is engine overhead: claiming, waking the next task, the gaps between tasks, and
 * settling the execution. Per execution:
 * {@code (completed_at - created_at - sum over tasks of (completed_at - started_at)) / tasks}.
 */
final class ChainScenario implements Scenario {

    static final String NAME = "chain";
    static final Metric OVERHEAD_MEDIAN = new Metric(NAME, "engine overhead per task, median (ms)");
    static final Metric OVERHEAD_P99 = new Metric(NAME, "engine overhead per task, p99 (ms)");
    static final Metric IN_TASK_MEDIAN = new Metric(NAME, "time inside task attempts per task, median (ms)");
    static final Metric WALL_MEDIAN = new Metric(NAME, "execution created -> completed, median (ms)");

    private final int length;
    private final int runs;

    ChainScenario(int length, int runs) {
        this.length = length;
        this.runs = runs;
    }

    @Override
    public String name() {
        return NAME + " (" + length + " tasks, " + runs + " executions)";
    }

    @Override
    public void run(DataflowClient client, Measurements.Recorder results) throws Exception {
        String workflow = client.createWorkflow(Workflows.chain("bench chain " + length, length));
        List<Double> overhead = new ArrayList<>();
        List<Double> inTask = new ArrayList<>();
        List<Double> wall = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            DataflowClient.Execution e = runOnce(client, workflow);
            double total = Millis.between(e.createdAt(), e.completedAt());
            double tasks = e.tasks().stream().mapToDouble(t -> Millis.between(t.startedAt(), t.completedAt())).sum();
            overhead.add((total - tasks) / length);
            inTask.add(tasks / length);
            wall.add(total);
        }
        Stats o = Stats.of(overhead);
        results.record(OVERHEAD_MEDIAN, o.median());
        results.record(OVERHEAD_P99, o.p99());
        results.record(IN_TASK_MEDIAN, Stats.of(inTask).median());
        results.record(WALL_MEDIAN, Stats.of(wall).median());
    }

    private DataflowClient.Execution runOnce(DataflowClient client, String workflow) throws Exception {
        String id = client.start(workflow, " Data Flow ");
        // A 40-task chain takes hundreds of milliseconds; probing at most every 50 ms keeps the client's reads
        // from competing with the engine on a 2-core machine.
        client.awaitAllFinished(workflow, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofMinutes(2));
        DataflowClient.Execution e = client.execution(workflow, id);
        if (!e.status().equals("COMPLETED") || e.tasks().size() != length) {
            throw new DataflowClient.ApiException("chain execution " + id + " ended " + e.status() + " with "
                    + e.tasks().size() + " tasks");
        }
        return e;
    }
}
