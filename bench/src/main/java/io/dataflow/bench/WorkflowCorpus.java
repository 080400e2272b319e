package io.dataflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The workflows the listing and stats scenarios read: many workflows in the bench's organization, with names,
 * descriptions, tags and statuses drawn from word lists so that searches match a known share of them. Drawn from a
 * fixed seed, so every run makes the same ones.
 *
 * <p>Names are {@code <Frequency> <system> <action> <n>} (a frequency of 5, a system of 20, an action of 10), the
 * description says what moves from one system to another, and about 1 in 100 descriptions mentions GDPR; each has 1
 * to 3 tags of 8; statuses are active 50%, draft 25%, paused 15%, archived 10%; 1 in 10 is public. The
 * {@link #SEARCHES} the listing rotates through go from unselective to selective.
 *
 * <p>The first {@link #THROUGH_API} are created through {@code POST /api/v1/workflows} by concurrent clients. On
 * PostgreSQL the rest are inserted by {@link WorkflowRows} as rows of the shape the server writes (creating 100,000
 * through the API took about 9 minutes here, at 186 a second with the machine loaded); on H2, whose file the server
 * holds, all are created through the API.
 */
final class WorkflowCorpus {

    /**
     * What the listing searches for, from unselective to selective: {@code port} is inside three actions (export,
     * import, report: 30% of the workflows), {@code daily} in a fifth of the names, {@code sync} and {@code stripe}
     * in about a tenth each, {@code gdpr} in 1% of the descriptions.
     */
    static final List<String> SEARCHES = List.of("port", "daily", "sync", "stripe", "gdpr");

    /** How many are created through the API before the rest are inserted in bulk (on PostgreSQL). */
    static final int THROUGH_API = 1_000;

    private static final List<String> FREQUENCIES = List.of("Daily", "Hourly", "Weekly", "Nightly", "Monthly");
    private static final List<String> SYSTEMS = List.of("mysql", "postgres", "s3", "salesforce", "stripe", "hubspot",
            "zendesk", "slack", "github", "jira", "shopify", "bigquery", "snowflake", "kafka", "redis", "mongodb",
            "sftp", "gmail", "twilio", "airtable");
    private static final List<String> ACTIONS = List.of("etl", "sync", "export", "import", "backup", "report",
            "cleanup", "alert", "digest", "ingest");
    private static final List<String> OBJECTS = List.of("orders", "customers", "invoices", "tickets", "events",
            "leads", "payments", "shipments", "contacts", "logs", "metrics", "refunds", "subscriptions", "issues",
            "messages", "products", "accounts", "sessions", "reviews", "alerts", "deals", "campaigns", "users",
            "files", "notes");
    private static final List<String> VERBS = List.of("deduplicates", "aggregates", "enriches", "validates",
            "summarizes", "archives", "filters", "normalizes");
    private static final List<String> TAGS = List.of("etl", "production", "staging", "finance", "marketing", "ops",
            "sales", "support");
    private static final Duration HISTORY = Duration.ofDays(365);

    /**
     * One drawn workflow.
     *
     * @param status the API's word (active, draft, paused, archived)
     * @param createdAgo how long before the bulk insert it was created (bulk rows only; the API's are created now)
     * @param updatedAgo how long before the bulk insert it was last changed, at most {@code createdAgo}
     */
    record Drawn(String name, String description, String status, Set<String> tags, boolean isPublic,
            Duration createdAgo, Duration updatedAgo) {
    }

    private final int size;
    private boolean seeded;

    /** @param size how many workflows to create */
    WorkflowCorpus(int size) {
        this.size = size;
    }

    int size() {
        return size;
    }

    /**
     * Creates the workflows, once per corpus (so once per server).
     *
     * @param schema the server's PostgreSQL schema, to insert all but the first {@link #THROUGH_API} in bulk; null
     *     to create all through the API
     * @return how many seconds creating them took, or 0 when they were there already
     */
    double seed(DataflowClient client, int clients, PostgresSchema schema) throws Exception {
        if (seeded) {
            return 0;
        }
        long began = System.nanoTime();
        int throughApi = schema == null ? size : Math.min(size, THROUGH_API);
        AtomicInteger next = new AtomicInteger();
        Burst.send(clients, throughApi, () -> client.createV1Workflow(body(draw(next.getAndIncrement()))));
        if (throughApi < size) {
            WorkflowRows.insert(schema, throughApi, size, Instant.now());
        }
        seeded = true;
        return Millis.since(began) / 1000;
    }

    /** The {@code n}th workflow, the same on every run. */
    static Drawn draw(int n) {
        SplittableRandom random = new SplittableRandom(n * 0x9E3779B97F4A7C15L);
        String system = pick(random, SYSTEMS);
        String name = String.format(Locale.ROOT, "%s %s %s %d", pick(random, FREQUENCIES), system,
                pick(random, ACTIONS), n);
        String description = String.format(Locale.ROOT, "Moves %s from %s to %s and %s them%s.",
                pick(random, OBJECTS), system, pick(random, SYSTEMS), pick(random, VERBS),
                random.nextInt(100) == 0 ? " for the GDPR audit" : "");
        String status = status(random.nextInt(20));
        Set<String> tags = new LinkedHashSet<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            tags.add(pick(random, TAGS));
        }
        boolean isPublic = random.nextInt(10) == 0;
        long created = random.nextLong(HISTORY.toMillis());
        long updated = random.nextLong(created + 1);
        return new Drawn(name, description, status, tags, isPublic, Duration.ofMillis(created),
                Duration.ofMillis(updated));
    }

    /** A drawn workflow's {@code POST /api/v1/workflows} body: one node, upper-casing a constant. */
    private static ObjectNode body(Drawn drawn) {
        ObjectNode body = DataflowClient.JSON.createObjectNode().put("name", drawn.name())
                .put("description", drawn.description()).put("status", drawn.status())
                .put("isPublic", drawn.isPublic());
        ArrayNode tags = body.putArray("tags");
        drawn.tags().forEach(tags::add);
        body.putArray("nodes").addObject().put("id", "shout").put("nodeId", "TextOperation.Uppercase")
                .putObject("config").put("text", "hello");
        body.putArray("connections");
        return body;
    }

    /** Active 50%, draft 25%, paused 15%, archived 10%, from a number 0 to 19. */
    private static String status(int twentieth) {
        return twentieth < 10 ? "active" : twentieth < 15 ? "draft" : twentieth < 18 ? "paused" : "archived";
    }

    private static String pick(SplittableRandom random, List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
