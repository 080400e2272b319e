package io.dataflow.engine.store;

/** Another version of the workflow already has this tag. */
public class VersionTagTakenException extends RuntimeException {

    private final String tag;

    public VersionTagTakenException(String tag) {
        super("the workflow already has a version tagged '" + tag + "'");
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
