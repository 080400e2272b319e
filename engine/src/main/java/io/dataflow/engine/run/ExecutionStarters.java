package io.dataflow.engine.run;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dataflow.engine.model.StartedBy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who started each execution, for the credentials' rules. Read from the store the first time one of its tasks asks
 * for a credential, then kept: it never changes. Tasks that use no credential never read it.
 */
final class ExecutionStarters {

    private final Function<String, Optional<StartedBy>> read;
    private final Cache<String, StartedBy> known = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    /** @param read who started the execution of this id; empty when there is no such execution */
    ExecutionStarters(Function<String, Optional<StartedBy>> read) {
        this.read = read;
    }

    /** Who started the execution; an execution that is gone gets no admin rights. */
    StartedBy of(String executionId) {
        StartedBy starter = known.getIfPresent(executionId);
        if (starter != null) {
            return starter;
        }
        Optional<StartedBy> stored = read.apply(executionId);
        stored.ifPresent(s -> known.put(executionId, s));
        return stored.orElse(StartedBy.UNKNOWN);
    }
}
