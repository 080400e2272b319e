package io.dataflow.engine.model;

import java.time.Instant;

/**
 * A tenant. Every workflow, execution and key belongs to one; no query crosses organizations.
 *
 * @param webhookSecret the Standard Webhooks signing secret ({@code whsec_...})
 */
public record Organization(String id, String name, String webhookSecret, Instant createdAt) {
}
