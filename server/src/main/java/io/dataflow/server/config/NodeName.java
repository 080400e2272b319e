package io.dataflow.server.config;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * This server's name among the servers sharing a database, unique per start: {@code <pid>@<host>/<random>}. It
 * names the leases of the tasks this server runs and, on PostgreSQL, its connections ({@code application_name} in
 * {@code pg_stat_activity}), so an operator can tell which server holds which connections.
 */
public record NodeName(String value) {

    /** PostgreSQL keeps the first 63 bytes of an application name. */
    private static final int MAX_APPLICATION_NAME = 63;
    private static final String APPLICATION_PREFIX = "dataflow ";

    static NodeName generate() {
        return new NodeName(ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    /** {@code dataflow <name>}, cut from the front when too long, keeping the random part that tells starts apart. */
    public String applicationName() {
        int room = MAX_APPLICATION_NAME - APPLICATION_PREFIX.length();
        return APPLICATION_PREFIX + (value.length() <= room ? value : value.substring(value.length() - room));
    }
}
