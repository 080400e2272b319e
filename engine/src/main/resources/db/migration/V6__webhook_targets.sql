-- Fair webhook delivery. Each delivery names its target, the host and port of its URL in lower case with the
-- scheme's default port filled in (WebhookTarget.of in the engine), so that a node can cap the attempts it has in
-- flight per target and the circuit breaker can postpone every delivery of a failing target in one statement.
ALTER TABLE webhook_deliveries ADD COLUMN target VARCHAR(2048);
-- The same as WebhookTarget.of for the URLs the API accepts (REGEXP_SUBSTR and REGEXP_LIKE: H2 and PostgreSQL 15+).
UPDATE webhook_deliveries SET target = LOWER(COALESCE(
    REGEXP_SUBSTR(url, '^[a-z][a-z0-9+.-]*://([^/?#@]*@)?([^/?#]*)', 1, 1, 'i', 2), url));
UPDATE webhook_deliveries SET target = target || CASE WHEN LOWER(url) LIKE 'https:%' THEN ':443' ELSE ':80' END
    WHERE NOT REGEXP_LIKE(target, ':[0-9]+$');
ALTER TABLE webhook_deliveries ALTER COLUMN target SET NOT NULL;
-- For the breaker's statements: a target's pending deliveries by due time.
CREATE INDEX webhook_deliveries_target_idx ON webhook_deliveries (target, status, next_attempt_at);

-- Targets whose last attempts failed; a target that answers is deleted from here. failures counts the failed
-- attempts in a row; after enough of them the breaker opens: blocked_until is set, every pending delivery of the
-- target waits until then, and opened counts how often it happened in a row (each time the wait doubles). When
-- blocked_until has passed, one delivery is let through as a probe; its success closes the breaker.
CREATE TABLE webhook_targets (
    target          VARCHAR(2048) PRIMARY KEY,
    failures        INTEGER      NOT NULL,
    opened          INTEGER      NOT NULL,
    blocked_until   TIMESTAMP WITH TIME ZONE,
    last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL
);
