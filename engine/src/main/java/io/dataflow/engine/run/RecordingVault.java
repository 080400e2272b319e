package io.dataflow.engine.run;

import io.dataflow.engine.model.StartedBy;
import io.dataflow.engine.spi.CredentialVault;
import io.dataflow.engine.spi.TaskFailure;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The credential vault as one attempt sees it. It applies each credential's rules to the execution's starter: the
 * task type's own {@code credential} input gets a credential only when the starter may use it, and a
 * {@code {{ secrets.NAME }}} template only when templates may also read it; anything else fails the task for good,
 * naming the credential and the rule. It remembers every credential it hands out, so that all of them are redacted
 * from what the attempt leaves behind. The task may ask from its own thread, hence the concurrent queue.
 */
final class RecordingVault implements CredentialVault {

    private final CredentialVault vault;
    private final Supplier<StartedBy> starter;
    private final Queue<ObjectNode> handedOut = new ConcurrentLinkedQueue<>();
    /** The last redaction made, with how many credentials it covers: they are only ever added to. */
    private volatile Made made = new Made(0, Redaction.NONE);

    private record Made(int credentials, Redaction redaction) {
    }

    /** @param starter who started the execution; asked only when a credential is asked for */
    RecordingVault(CredentialVault vault, Supplier<StartedBy> starter) {
        this.vault = vault;
        this.starter = starter;
    }

    /** A credential for the task type itself, which does not show its value. */
    @Override
    public Optional<ObjectNode> find(String organizationId, String name) throws TaskFailure {
        return handOut(organizationId, name, false);
    }

    /** A credential for a {@code {{ secrets.NAME }}} template. */
    Optional<ObjectNode> forTemplate(String organizationId, String name) throws TaskFailure {
        return handOut(organizationId, name, true);
    }

    private Optional<ObjectNode> handOut(String organizationId, String name, boolean throughTemplate)
            throws TaskFailure {
        Optional<Entry> entry = vault.entry(organizationId, name);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> refusal = entry.get().policy().refusal(name, starter.get(), throughTemplate);
        if (refusal.isPresent()) {
            throw TaskFailure.permanent(refusal.get());
        }
        handedOut.add(entry.get().value());
        return Optional.of(entry.get().value());
    }

    /** The redaction of every credential handed out so far; made again only when another was handed out. */
    Redaction redaction() {
        List<ObjectNode> values = List.copyOf(handedOut);
        Made last = made;
        if (last.credentials() == values.size()) {
            return last.redaction();
        }
        Redaction redaction = Redaction.of(values);
        made = new Made(values.size(), redaction);
        return redaction;
    }
}
