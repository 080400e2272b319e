package io.dataflow.engine.run;

import io.dataflow.engine.spi.CredentialVault;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.node.ObjectNode;

/**
 * The credential vault as one attempt sees it: it remembers every credential it hands out, through a
 * {@code {{ secrets.NAME }}} template or to the task itself, so that all of them are redacted from what the attempt
 * leaves behind. The task may ask from its own thread, hence the concurrent queue.
 */
final class RecordingVault implements CredentialVault {

    private final CredentialVault vault;
    private final Queue<ObjectNode> handedOut = new ConcurrentLinkedQueue<>();

    RecordingVault(CredentialVault vault) {
        this.vault = vault;
    }

    @Override
    public Optional<ObjectNode> find(String organizationId, String name) {
        Optional<ObjectNode> value = vault.find(organizationId, name);
        value.ifPresent(handedOut::add);
        return value;
    }

    /** The redaction of every credential handed out so far. */
    Redaction redaction() {
        return handedOut.isEmpty() ? Redaction.NONE : Redaction.of(List.copyOf(handedOut));
    }
}
