package io.dataflow.engine.model;

/**
 * The caller may read the workflow but not change, share or delete it: only its owner and the organization's
 * administrators may.
 */
public class ChangeForbiddenException extends RuntimeException {

    public ChangeForbiddenException(String workflowId) {
        super("only the owner of workflow " + workflowId + " or an administrator of its organization may change,"
                + " share or delete it");
    }
}
