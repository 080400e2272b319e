package io.dataflow.engine.testing;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.CredentialVault;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import java.util.Optional;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Test.ReadsCredential}: reads the credential named by its {@code credential} input through the task
 * context, as the AI and SQL types do, and then leaks its {@code api_key}: into its {@code value} output, or with
 * {@code fail} into its error. The harness's vault holds one credential, {@value #NAME}, whose key is
 * {@link #SECRET}.
 */
public final class ReadsCredential extends TestTaskType {

    static final String NAME = "leaky";
    public static final String SECRET = "sk-test-0123456789abcdef";
    static final CredentialVault VAULT = (organizationId, name) -> NAME.equals(name)
            ? Optional.of(Json.object().put("api_key", SECRET)) : Optional.empty();

    ReadsCredential(Invocations invocations) {
        super("Test.ReadsCredential", "Reads a credential and leaks its api_key into its output or its error.",
                invocations, Port.required("credential", PortType.TEXT, "the credential to read"),
                Port.optional("fail", PortType.BOOLEAN, BooleanNode.FALSE, "fail with the key in the message"));
    }

    @Override
    void behave(TaskContext context, ObjectNode input) throws TaskFailure {
        String key = context.requireCredential(input.get("credential").asString(), "credential").get("api_key")
                .asString();
        if (input.get("fail").asBoolean()) {
            throw TaskFailure.permanent("the provider refused the key " + key);
        }
        input.put("value", "the key is " + key);
    }
}
