package io.dataflow.server.config;

import io.dataflow.engine.net.GuardedHttp;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.core.env.Environment;

/**
 * The server's settings, read from the environment variables the README lists (each also settable as a Spring
 * property of the same name, e.g. {@code --DATAFLOW_PORT=9090}).
 *
 * @param dbUrl the JDBC URL; an H2 file database in the data directory when unset
 * @param dbPoolSize the most database connections this node opens; the pool holds fewer while idle
 * @param webhookRetryBase the wait after a webhook delivery's first failed attempt; it doubles with each further one
 * @param webhookPollInterval how often the webhook sender looks for events written by other nodes
 * @param httpMaxResponseBytes the largest response body an HTTP task reads
 * @param masterKey the base64 key credentials are encrypted with; null to use (or create) {@code master-key} in the
 *     data directory
 * @param maxFileBytes the most bytes one stored file may have, uploaded or produced by a task
 */
public record DataflowSettings(Path dataDir, String dbUrl, String dbUser, String dbPassword, int dbPoolSize, int workers,
        String adminApiKey, boolean allowPrivateNetworks, Duration lease, Duration pollInterval,
        Duration webhookRetryBase, Duration webhookPollInterval, long httpMaxResponseBytes,
        String masterKey, long maxFileBytes) {

    /**
     * The default of {@code DATAFLOW_DB_POOL_SIZE}, whatever the number of workers: what a server under a burst of
     * starts, with every worker busy, was measured to grow its pool to, and some room (README, Configuration).
     */
    public static final int DEFAULT_DB_POOL_SIZE = 16;

    /** The default of {@code DATAFLOW_MAX_FILE_BYTES}: 50 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;

    public static DataflowSettings from(Environment env) {
        Path dataDir = Path.of(env.getProperty("DATAFLOW_DATA_DIR", "./data")).toAbsolutePath().normalize();
        String url = blankToNull(env.getProperty("DATAFLOW_DB_URL"));
        if (url == null) {
            url = "jdbc:h2:file:" + dataDir.resolve("dataflow") + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0";
        }
        int workers = env.getProperty("DATAFLOW_WORKERS", Integer.class, 32);
        return new DataflowSettings(dataDir, url,
                env.getProperty("DATAFLOW_DB_USER", url.startsWith("jdbc:h2:") ? "sa" : ""),
                env.getProperty("DATAFLOW_DB_PASSWORD", ""),
                env.getProperty("DATAFLOW_DB_POOL_SIZE", Integer.class, DEFAULT_DB_POOL_SIZE),
                workers,
                blankToNull(env.getProperty("DATAFLOW_ADMIN_API_KEY")),
                env.getProperty("DATAFLOW_ALLOW_PRIVATE_NETWORKS", Boolean.class, false),
                Duration.ofMillis(env.getProperty("DATAFLOW_LEASE_MS", Long.class, 30_000L)),
                Duration.ofMillis(env.getProperty("DATAFLOW_POLL_MS", Long.class, 1_000L)),
                Duration.ofMillis(env.getProperty("DATAFLOW_WEBHOOK_RETRY_BASE_MS", Long.class, 500L)),
                Duration.ofMillis(env.getProperty("DATAFLOW_WEBHOOK_POLL_MS", Long.class, 200L)),
                env.getProperty("DATAFLOW_HTTP_MAX_RESPONSE_BYTES", Long.class, GuardedHttp.DEFAULT_MAX_RESPONSE_BYTES),
                blankToNull(env.getProperty("DATAFLOW_MASTER_KEY")),
                env.getProperty("DATAFLOW_MAX_FILE_BYTES", Long.class, DEFAULT_MAX_FILE_BYTES));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
