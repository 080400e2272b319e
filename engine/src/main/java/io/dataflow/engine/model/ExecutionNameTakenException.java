package io.dataflow.engine.model;

/** An execution of the binding already has this name (seed 003: an instance id already in use). */
public class ExecutionNameTakenException extends RuntimeException {

    private final String name;

    public ExecutionNameTakenException(String bindingName, String name) {
        super("an execution named '" + name + "' of '" + bindingName + "' already exists");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
