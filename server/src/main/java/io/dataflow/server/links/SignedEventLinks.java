package io.dataflow.server.links;

import io.dataflow.engine.spi.EventLinks;
import java.util.function.Supplier;

/** The server's event links: its public URL, {@link EventLinkPath#PREFIX}, and a token signed by the link key. */
public final class SignedEventLinks implements EventLinks {

    private final Supplier<String> publicUrl;
    private final EventLinkSigner signer;

    /** @param publicUrl the server's public URL without a trailing slash, asked for each link */
    public SignedEventLinks(Supplier<String> publicUrl, EventLinkSigner signer) {
        this.publicUrl = publicUrl;
        this.signer = signer;
    }

    @Override
    public String url(String organizationId, String workflowId, String executionId) {
        return publicUrl.get() + EventLinkPath.of(signer.token(
                new EventLinkSigner.Target(organizationId, workflowId, executionId)));
    }
}
