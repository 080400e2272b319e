package io.dataflow.engine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ReadyWork} that records what it was told: {@code Optional.empty()} for "now", else the time. */
final class RecordedWakeUps implements ReadyWork {

    private final List<Optional<Instant>> told = new CopyOnWriteArrayList<>();
    private volatile Runnable onWakeUp = () -> {
    };

    @Override
    public void readyNow() {
        onWakeUp.run();
        told.add(Optional.empty());
    }

    @Override
    public void readyAt(Instant at) {
        onWakeUp.run();
        told.add(Optional.of(at));
    }

    /** Runs {@code check} whenever a wake-up arrives, before recording it. */
    void onWakeUp(Runnable check) {
        this.onWakeUp = check;
    }

    List<Optional<Instant>> told() {
        return List.copyOf(told);
    }

    void clear() {
        told.clear();
    }
}
