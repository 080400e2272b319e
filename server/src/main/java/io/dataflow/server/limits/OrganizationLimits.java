package io.dataflow.server.limits;

import io.dataflow.engine.store.FileQuotaExceededException;
import io.dataflow.engine.store.LimitReachedException;
import io.dataflow.engine.store.OrganizationUsage;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Decides whether an organization's request stays within its limits ({@link LimitSettings}): starts per second,
 * unfinished executions, undelivered events, stored files and bytes. This is the one place that decides; the API
 * dialects call it and render a {@link LimitDecision.Refused} in their own shape, so every dialect enforces the same
 * limits with the same words.
 *
 * <p>A start is checked against the rate first (cheapest, and what a flood hits), then the events, then the
 * unfinished executions, which counts the start in. A start the engine then refuses ({@link #start}) gives back
 * what it took, so it counts against neither. Counts come from the database at most once a second per
 * organization ({@link OrganizationCounter}), so checking costs a start next to nothing.
 */
public final class OrganizationLimits {

    /** Executions take a while to finish; asking again sooner mostly gets another refusal. */
    static final Duration UNFINISHED_RETRY_AFTER = Duration.ofSeconds(5);
    /** Receivers work off their backlog over seconds to minutes, with backoff between failed attempts. */
    static final Duration PENDING_EVENTS_RETRY_AFTER = Duration.ofSeconds(10);

    private final LimitSettings settings;
    private final OrganizationUsage usage;
    private final StartRate startRate;
    private final OrganizationCounter unfinished;
    private final OrganizationCounter pendingEvents;

    public OrganizationLimits(LimitSettings settings, OrganizationUsage usage) {
        this(settings, usage, System::nanoTime);
    }

    OrganizationLimits(LimitSettings settings, OrganizationUsage usage, LongSupplier nanoTime) {
        this.settings = settings;
        this.usage = usage;
        this.startRate = settings.startsPerSecond() > 0
                ? new StartRate(settings.startsPerSecond(), settings.startsBurst()) : null;
        this.unfinished = new OrganizationCounter(usage::unfinishedExecutions, nanoTime);
        this.pendingEvents = new OrganizationCounter(usage::pendingWebhookEvents, nanoTime);
    }

    public LimitSettings settings() {
        return settings;
    }

    /**
     * Whether the organization may start an execution now.
     *
     * @param sendsEvents whether the execution will send events (a webhook), which the events limit holds back
     */
    public LimitDecision checkStart(String organizationId, boolean sendsEvents) {
        return checkStarts(organizationId, 1, sendsEvents);
    }

    /**
     * Whether the organization may start {@code starts} executions now, all or none (a batch): each counts as one
     * start against the rate and as one more unfinished execution. A batch larger than the burst is let through on a
     * full bucket and leaves the rate owing the rest ({@link StartRate#tryStart}). When a later limit refuses, the
     * starts taken from the rate are given back.
     *
     * @param sendsEvents whether the executions will send events (a webhook), which the events limit holds back
     */
    public LimitDecision checkStarts(String organizationId, int starts, boolean sendsEvents) {
        if (starts < 1) {
            return LimitDecision.ALLOWED;
        }
        String these = starts == 1 ? "" : " (this batch is " + starts + " starts)";
        if (startRate != null) {
            Optional<Duration> wait = startRate.tryStart(organizationId, starts);
            if (wait.isPresent()) {
                return new LimitDecision.Refused(LimitSettings.STARTS_PER_SECOND, "this organization is starting"
                        + " executions faster than its limit of " + number(settings.startsPerSecond()) + " per second"
                        + " (" + LimitSettings.STARTS_PER_SECOND + ", in bursts of up to " + settings.startsBurst()
                        + ", " + LimitSettings.STARTS_BURST + ")" + these + "; try again in "
                        + LimitDecision.Refused.wholeSeconds(wait.get()) + " s", wait.get());
            }
        }
        LimitDecision refused = checkHeld(organizationId, starts, sendsEvents);
        if (refused != LimitDecision.ALLOWED && startRate != null) {
            startRate.giveBack(organizationId, starts);
        }
        return refused;
    }

    /**
     * Starts within the organization's limits: checks {@code starts} starts as {@link #checkStarts} does (throwing a
     * refusal as {@link LimitExceededException}), then runs {@code start}. When the start throws, the engine refused
     * it and stored nothing (bad inputs, a workflow that takes no executions or has nothing to run): what was taken
     * from the rate and added to the unfinished executions is given back, so a refused start changes nothing.
     *
     * @param start the engine's start of those executions
     */
    public <T> T start(String organizationId, int starts, boolean sendsEvents, Supplier<T> start) {
        checkStarts(organizationId, starts, sendsEvents).orThrow();
        try {
            return start.get();
        } catch (RuntimeException e) {
            if (starts > 0) {
                if (startRate != null) {
                    startRate.giveBack(organizationId, starts);
                }
                unfinished.giveBack(organizationId, starts);
            }
            throw e;
        }
    }

    /** The events and unfinished executions limits for {@code starts} more executions. */
    private LimitDecision checkHeld(String organizationId, int starts, boolean sendsEvents) {
        long maxEvents = settings.pendingEvents();
        if (sendsEvents && maxEvents > 0 && !pendingEvents.below(organizationId, maxEvents)) {
            return new LimitDecision.Refused(LimitSettings.PENDING_EVENTS, "this organization has "
                    + pendingEvents.estimate(organizationId) + " webhook events not yet delivered, at or over its"
                    + " limit of " + maxEvents + " (" + LimitSettings.PENDING_EVENTS + "): starts with a webhook wait"
                    + " until its receivers have taken some; starts without one are still accepted",
                    PENDING_EVENTS_RETRY_AFTER);
        }
        long maxUnfinished = settings.unfinishedExecutions();
        if (maxUnfinished > 0 && !unfinished.tryAdd(organizationId, maxUnfinished, starts)) {
            return new LimitDecision.Refused(LimitSettings.UNFINISHED_EXECUTIONS, starts == 1
                    ? "this organization has as many unfinished executions as its limit allows (" + maxUnfinished
                    + ", " + LimitSettings.UNFINISHED_EXECUTIONS + "); start more once some have finished, or"
                    + " terminate some"
                    : "this batch of " + starts + " would take this organization over its limit of " + maxUnfinished
                    + " unfinished executions (" + LimitSettings.UNFINISHED_EXECUTIONS + ", "
                    + unfinished.estimate(organizationId) + " now); nothing was started: send a smaller batch, or"
                    + " start more once some have finished", UNFINISHED_RETRY_AFTER);
        }
        return LimitDecision.ALLOWED;
    }

    /**
     * Whether the organization may upload a file of about {@code bytes} (0 when not known in advance): refused at
     * once when its files are already at a limit, before the body is read. The store checks the file's real size
     * again when it adds it ({@link #refusal(FileQuotaExceededException)}).
     */
    public LimitDecision checkUpload(String organizationId, long bytes) {
        if (!settings.fileQuota().limited()) {
            return LimitDecision.ALLOWED;
        }
        OrganizationUsage.Files now = usage.files(organizationId);
        return settings.fileQuota()
                .refusal(new OrganizationUsage.Files(now.count() + 1, now.bytes() + Math.max(0, bytes)),
                        "the upload", Math.max(0, bytes))
                .<LimitDecision>map(OrganizationLimits::refusal).orElse(LimitDecision.ALLOWED);
    }

    /** The refusal for a file the store would not add. Waiting does not free storage, so it has no Retry-After. */
    public static LimitDecision.Refused refusal(FileQuotaExceededException e) {
        String limit = e.limit() == FileQuotaExceededException.Limit.FILES ? LimitSettings.FILES
                : LimitSettings.FILE_BYTES;
        return new LimitDecision.Refused(limit, e.getMessage() + " (" + limit + "). Waiting does not help: delete"
                + " executions whose files are no longer needed, or ask the operator for a higher limit", null);
    }

    /**
     * The refusal for a user or key the store would not add. Waiting does not help, only deleting users or revoking
     * keys, so it has no Retry-After.
     */
    public static LimitDecision.Refused refusal(LimitReachedException e) {
        String limit = switch (e.limit()) {
            case USERS_PER_ORGANIZATION -> LimitSettings.USERS;
            case API_KEYS_PER_USER -> LimitSettings.API_KEYS_PER_USER;
        };
        String remedy = e.limit() == LimitReachedException.Limit.USERS_PER_ORGANIZATION
                ? "delete users who no longer need access" : "revoke keys that are no longer used";
        return new LimitDecision.Refused(limit, e.getMessage() + " (" + limit + "). Waiting does not help: " + remedy
                + ", or ask the operator for a higher limit", null);
    }

    /** The users and keys limits, which the stores check in the transaction that adds one. */
    public long maxUsers() {
        return settings.users();
    }

    public long maxApiKeysPerUser() {
        return settings.apiKeysPerUser();
    }

    /** 100 rather than 100.0; 0.5 stays 0.5. */
    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
