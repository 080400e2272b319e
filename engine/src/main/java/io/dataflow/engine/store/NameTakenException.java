package io.dataflow.engine.store;

/** Another live workflow of the organization already has this name. */
public class NameTakenException extends RuntimeException {

    private final String name;

    public NameTakenException(String name) {
        super("a workflow named '" + name + "' already exists");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
