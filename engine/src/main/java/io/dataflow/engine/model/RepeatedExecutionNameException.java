package io.dataflow.engine.model;

/** A batch of named starts names one execution twice; nothing was started. */
public class RepeatedExecutionNameException extends RuntimeException {

    private final String name;
    private final int index;

    /** @param index the position (from 0) of the second start with the name */
    public RepeatedExecutionNameException(String name, int index) {
        super("the execution name '" + name + "' is given twice, the second time at position " + index);
        this.name = name;
        this.index = index;
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }
}
