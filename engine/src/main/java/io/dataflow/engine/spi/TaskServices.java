package io.dataflow.engine.spi;

import java.util.Optional;
import javax.net.SocketFactory;

/**
 * What the platform lends running tasks: one instance serves every task of a node. Task types reach it through
 * {@link TaskContext}, never directly, so the organization and execution of the task are always the ones asked for.
 *
 * @param http outbound HTTP behind the outbound guard
 * @param credentials the organizations' decrypted credentials
 * @param files the blob store for file ports
 * @param sockets sockets behind the outbound guard, for every other connection a task opens (the SQL drivers')
 */
public record TaskServices(OutboundHttp http, CredentialVault credentials, FileStore files, SocketFactory sockets) {

    /** No services: each refuses with a permanent failure. For tests of pure task types. */
    public static final TaskServices NONE = new TaskServices(
            request -> {
                throw TaskFailure.permanent("outbound HTTP is not available here");
            },
            (organizationId, name) -> Optional.empty(),
            FileStore.NONE,
            RefusingSocketFactory.INSTANCE);

    /** The same services with another credential vault (a task's view of its organization's credentials). */
    public TaskServices withCredentials(CredentialVault vault) {
        return new TaskServices(http, vault, files, sockets);
    }
}
