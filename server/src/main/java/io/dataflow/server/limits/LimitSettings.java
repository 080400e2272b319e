package io.dataflow.server.limits;

import io.dataflow.engine.store.FileQuota;
import org.springframework.core.env.Environment;

/**
 * The per-organization limits ({@code DATAFLOW_LIMIT_*}, each a row of the README's Configuration table). A limit of
 * 0 is no limit. They keep one organization from taking more than its share of a server that several share; an
 * organization that stays within them never notices them.
 *
 * @param startsPerSecond executions one organization may start per second on one server, on average; N servers
 *     let it start N times as many
 * @param startsBurst how many starts one organization may make at once before the rate applies
 * @param unfinishedExecutions how many executions of one organization may be queued, running, waiting or paused
 * @param pendingEvents how many events of one organization may wait to be delivered; starts that would add more
 *     are refused
 * @param files how many files one organization may store
 * @param fileBytes how many bytes of files one organization may store
 * @param users how many live users one organization may have
 * @param apiKeysPerUser how many unrevoked API keys one user may have
 * @param streams how many live streams of executions one organization may hold open on one server ({@link
 *     StreamLimits})
 */
public record LimitSettings(double startsPerSecond, long startsBurst, long unfinishedExecutions, long pendingEvents,
        long files, long fileBytes, long users, long apiKeysPerUser, long streams) {

    public static final double DEFAULT_STARTS_PER_SECOND = 100;
    /** The default burst is this many seconds' worth of starts. */
    public static final int DEFAULT_BURST_SECONDS = 5;
    public static final long DEFAULT_UNFINISHED_EXECUTIONS = 10_000;
    public static final long DEFAULT_PENDING_EVENTS = 50_000;
    public static final long DEFAULT_FILES = 10_000;
    public static final long DEFAULT_FILE_BYTES = 2L * 1024 * 1024 * 1024;
    public static final long DEFAULT_USERS = 1_000;
    public static final long DEFAULT_API_KEYS_PER_USER = 100;
    public static final long DEFAULT_STREAMS = 100;

    static final String STARTS_PER_SECOND = "DATAFLOW_LIMIT_STARTS_PER_SECOND";
    static final String STARTS_BURST = "DATAFLOW_LIMIT_STARTS_BURST";
    static final String UNFINISHED_EXECUTIONS = "DATAFLOW_LIMIT_UNFINISHED_EXECUTIONS";
    static final String PENDING_EVENTS = "DATAFLOW_LIMIT_PENDING_EVENTS";
    static final String FILES = "DATAFLOW_LIMIT_FILES";
    static final String FILE_BYTES = "DATAFLOW_LIMIT_FILE_BYTES";
    static final String USERS = "DATAFLOW_LIMIT_USERS";
    static final String API_KEYS_PER_USER = "DATAFLOW_LIMIT_API_KEYS_PER_USER";
    static final String STREAMS = "DATAFLOW_LIMIT_STREAMS";

    public LimitSettings {
        if (!(startsPerSecond >= 0) || Double.isInfinite(startsPerSecond)) {
            throw new IllegalArgumentException(STARTS_PER_SECOND + " must be 0 (no limit) or a positive number, got "
                    + startsPerSecond);
        }
        requireNotNegative(STARTS_BURST, startsBurst);
        requireNotNegative(UNFINISHED_EXECUTIONS, unfinishedExecutions);
        requireNotNegative(PENDING_EVENTS, pendingEvents);
        requireNotNegative(FILES, files);
        requireNotNegative(FILE_BYTES, fileBytes);
        requireNotNegative(USERS, users);
        requireNotNegative(API_KEYS_PER_USER, apiKeysPerUser);
        requireNotNegative(STREAMS, streams);
        if (startsPerSecond > 0 && startsBurst < 1) {
            throw new IllegalArgumentException(STARTS_BURST + " must be at least 1 while " + STARTS_PER_SECOND
                    + " is set, got " + startsBurst);
        }
    }

    public static LimitSettings from(Environment env) {
        double rate = env.getProperty(STARTS_PER_SECOND, Double.class, DEFAULT_STARTS_PER_SECOND);
        long defaultBurst = (long) Math.max(1, Math.ceil(rate * DEFAULT_BURST_SECONDS));
        return new LimitSettings(rate, env.getProperty(STARTS_BURST, Long.class, defaultBurst),
                env.getProperty(UNFINISHED_EXECUTIONS, Long.class, DEFAULT_UNFINISHED_EXECUTIONS),
                env.getProperty(PENDING_EVENTS, Long.class, DEFAULT_PENDING_EVENTS),
                env.getProperty(FILES, Long.class, DEFAULT_FILES),
                env.getProperty(FILE_BYTES, Long.class, DEFAULT_FILE_BYTES),
                env.getProperty(USERS, Long.class, DEFAULT_USERS),
                env.getProperty(API_KEYS_PER_USER, Long.class, DEFAULT_API_KEYS_PER_USER),
                env.getProperty(STREAMS, Long.class, DEFAULT_STREAMS));
    }

    /** The file limits, which the file store checks in the transaction that adds a file. */
    public FileQuota fileQuota() {
        return new FileQuota(files, fileBytes);
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be 0 (no limit) or positive, got " + value);
        }
    }
}
