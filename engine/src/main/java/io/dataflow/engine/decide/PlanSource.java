package io.dataflow.engine.decide;

import io.dataflow.engine.definition.Plan;

/** The plan of a stored workflow version, for deciding about its executions. */
@FunctionalInterface
public interface PlanSource {

    Plan plan(String workflowId, int version);
}
