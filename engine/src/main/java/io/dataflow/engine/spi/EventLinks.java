package io.dataflow.engine.spi;

/**
 * Makes the link templates read as {@code execution.event_url}: an absolute URL that sends an event to one execution
 * without an API key, so a workflow can hand it to a person (by email, chat or HTTP) and wait for its use with
 * {@code wait_for_event}. The engine knows neither the server's public address nor its secret; the server implements
 * this, and the server alone checks a link when it is used.
 *
 * <p>Called once for each task attempt (or in-memory chain of them) of an execution, on a worker thread, whether
 * the templates read the link or not: an implementation must be quick, thread-safe, and give the same link every
 * time for the same execution.
 */
@FunctionalInterface
public interface EventLinks {

    /** No links: {@code execution.event_url} is null. For an engine without an HTTP server, as in engine tests. */
    EventLinks NONE = (organizationId, workflowId, executionId) -> null;

    /**
     * The link that sends events to this execution, or null when this engine has none.
     *
     * @param organizationId the organization the execution belongs to
     * @param workflowId its workflow
     * @param executionId the execution; a restart keeps it, and so the link
     */
    String url(String organizationId, String workflowId, String executionId);
}
