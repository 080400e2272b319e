package io.dataflow.engine.model;

import java.util.List;

/** A request the engine rejects, with every problem found in it. Nothing was changed. */
public class InvalidDefinitionException extends RuntimeException {

    private final List<Problem> problems;

    public InvalidDefinitionException(List<Problem> problems) {
        super(problems.size() == 1 ? problems.getFirst().detail() : problems.size() + " problems");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
