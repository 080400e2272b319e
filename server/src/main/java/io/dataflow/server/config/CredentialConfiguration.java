package io.dataflow.server.config;

import io.dataflow.engine.store.CachingCredentialVault;
import io.dataflow.engine.store.CredentialStore;
import io.dataflow.engine.store.Database;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The organizations' credentials: their store, encrypted under the {@link MasterKey}, and the tasks' vault. */
@Configuration(proxyBeanMethods = false)
public class CredentialConfiguration {

    @Bean
    CredentialStore credentialStore(Database database, DataflowSettings settings, Clock clock) {
        return new CredentialStore(database, MasterKey.cipher(settings), clock);
    }

    @Bean
    CachingCredentialVault credentialVault(CredentialStore store) {
        return new CachingCredentialVault(store);
    }
}
