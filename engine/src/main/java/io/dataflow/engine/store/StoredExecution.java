package io.dataflow.engine.store;

import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.TaskRun;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An execution to write out as it is stored: its row, read at once, and its task runs, read while they are written,
 * a few at a time. Its JSON values (inputs, outputs, errors, each task's input and output) are the stored text,
 * unparsed ({@link io.dataflow.engine.store.StoredJson#raw}): they are only passed on. So an answer showing an
 * execution never holds more than a page of task runs, and each page is one short read: writing to a slow client
 * holds no database connection.
 *
 * <p>Pages are read one after the other, not in one transaction: a task that finishes while the answer is written
 * may show as finished though the execution, read first, showed as running.
 */
public final class StoredExecution {

    /** Task runs per read: each holds at most an input and an output of {@link OutputLimits#maxBytes} each. */
    static final int PAGE = 8;

    private final Database database;
    private final Execution execution;
    private final List<PlannedStep> steps;

    /** @param steps the execution's plan, in definition order */
    StoredExecution(Database database, Execution execution, List<PlannedStep> steps) {
        this.database = database;
        this.execution = execution;
        this.steps = List.copyOf(steps);
    }

    /** The execution, its JSON values unparsed. */
    public Execution execution() {
        return execution;
    }

    /** The execution's task runs in definition order, with their attempts; each iteration reads them anew. */
    public Iterable<TaskRun> tasks() {
        return Pages::new;
    }

    private final class Pages implements Iterator<TaskRun> {
        private List<TaskRun> page = List.of();
        private int next;
        private int lastPosition = -1;
        private boolean last;

        @Override
        public boolean hasNext() {
            if (next < page.size()) {
                return true;
            }
            if (last) {
                return false;
            }
            int after = lastPosition;
            page = database.read(sql -> TaskRunReader.page(sql, execution, steps, after, PAGE, true));
            next = 0;
            last = page.size() < PAGE;
            if (!page.isEmpty()) {
                lastPosition = page.getLast().position();
            }
            return !page.isEmpty();
        }

        @Override
        public TaskRun next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.get(next++);
        }
    }
}
