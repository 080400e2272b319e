package io.dataflow.engine.model;

import java.util.List;

/**
 * A page of a workflow's executions taken by offset, newest first, without their inputs, outputs and error.
 *
 * @param total how many executions match, before paging
 */
public record ExecutionListing(long total, List<Execution> items) {
}
