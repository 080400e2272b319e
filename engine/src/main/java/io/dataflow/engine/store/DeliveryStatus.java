package io.dataflow.engine.store;

/** Where a webhook delivery stands: waiting to be sent (or retried), delivered, or given up on. */
enum DeliveryStatus {
    PENDING, DELIVERED, FAILED
}
