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
    MasterKey masterKey(DataflowSettings settings) {
        return MasterKey.load(settings);
    }

    @Bean
    CredentialStore credentialStore(Database database, MasterKey masterKey, Clock clock) {
        return new CredentialStore(database, masterKey.cipher(), clock);
    }

    @Bean
    CachingCredentialVault credentialVault(CredentialStore store) {
        return new CachingCredentialVault(store);
    }
}
