package io.dataflow.server.config;

import io.dataflow.engine.run.EngineConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.core.env.Environment;

/**
 * {@code DATAFLOW_EXECUTION_RETENTION}: how long finished executions are kept, as an ISO-8601 duration ({@code P30D},
 * {@code PT12H}); {@code 0} keeps them for ever. 30 days when not set.
 */
final class ExecutionRetention {

    static final String SETTING = "DATAFLOW_EXECUTION_RETENTION";

    private ExecutionRetention() {
    }

    static Duration from(Environment env) {
        String value = env.getProperty(SETTING);
        if (value == null || value.isBlank()) {
            return EngineConfig.DEFAULT_EXECUTION_RETENTION;
        }
        if (value.trim().equals("0")) {
            return Duration.ZERO;
        }
        try {
            Duration retention = Duration.parse(value.trim());
            if (retention.isNegative()) {
                throw new IllegalStateException(SETTING + " must not be negative: " + value);
            }
            return retention;
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(SETTING + " must be an ISO-8601 duration such as P30D or PT12H, or 0 to"
                    + " keep finished executions for ever; got '" + value + "'", e);
        }
    }
}
