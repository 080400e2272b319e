package io.dataflow.server.config;

import io.dataflow.server.links.EventLinkSigner;
import io.dataflow.server.links.SignedEventLinks;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Event links ({@code execution.event_url}): signed with a key derived from the {@link MasterKey}, so every node
 * that shares the master key accepts the links the others made, and begin with the {@link PublicUrl}.
 */
@Configuration(proxyBeanMethods = false)
public class EventLinkConfiguration {

    @Bean
    PublicUrl publicUrl(Environment environment) {
        return PublicUrl.from(environment);
    }

    /** With {@code DATAFLOW_PORT=0} and no public URL set, the links name the port the server got. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> publicUrlPort(PublicUrl publicUrl) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() == null) {
                publicUrl.listening(event.getWebServer().getPort());
            }
        };
    }

    @Bean
    EventLinkSigner eventLinkSigner(MasterKey masterKey) {
        return EventLinkSigner.fromMasterKey(masterKey.bytes());
    }

    @Bean
    SignedEventLinks eventLinks(PublicUrl publicUrl, EventLinkSigner signer) {
        return new SignedEventLinks(publicUrl::value, signer);
    }
}
