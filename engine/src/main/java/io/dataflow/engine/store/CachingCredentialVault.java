package io.dataflow.engine.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dataflow.engine.spi.CredentialVault;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link CredentialVault} over a {@link CredentialStore}: decrypted values and their rules are kept for a few
 * seconds, so a task type that reads a credential on every attempt does not decrypt it each time. A change made
 * through the store of this node drops the entry at once; one made on another node is seen once the entry expires.
 * It applies no rules itself: the engine does, for the execution that asks.
 */
public final class CachingCredentialVault implements CredentialVault {

    private static final Duration KEEP = Duration.ofSeconds(10);

    private record Key(String organizationId, String name) {
    }

    private final CredentialStore store;
    private final Cache<Key, Optional<Entry>> recent = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(KEEP).build();

    public CachingCredentialVault(CredentialStore store) {
        this.store = store;
        store.onChange((organizationId, name) -> recent.invalidate(new Key(organizationId, name)));
    }

    @Override
    public Optional<ObjectNode> find(String organizationId, String name) {
        return entry(organizationId, name).map(Entry::value);
    }

    /** A copy of the value each time: task types may change the object they get without changing what others see. */
    @Override
    public Optional<Entry> entry(String organizationId, String name) {
        return recent.get(new Key(organizationId, name), key -> store.entry(key.organizationId(), key.name()))
                .map(entry -> new Entry(entry.value().deepCopy(), entry.policy()));
    }
}
