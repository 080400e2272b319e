package io.dataflow.engine.model;

import java.util.List;

/**
 * A page of a workflow listing.
 *
 * @param total how many workflows match, before paging
 */
public record WorkflowListing(long total, List<Workflow> items) {
}
