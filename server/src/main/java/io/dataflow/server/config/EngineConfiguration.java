package io.dataflow.server.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dataflow.engine.Engine;
import io.dataflow.engine.net.GuardedHttp;
import io.dataflow.engine.net.OutboundGuard;
import io.dataflow.engine.net.PlatformDatabase;
import io.dataflow.engine.run.EngineConfig;
import io.dataflow.engine.spi.CredentialVault;
import io.dataflow.engine.spi.TaskServices;
import io.dataflow.engine.spi.TaskTypeRegistry;
import io.dataflow.engine.store.Database;
import io.dataflow.engine.store.DatabaseFileStore;
import io.dataflow.engine.store.OutputLimits;
import io.dataflow.engine.store.SqlDialect;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the engine of this node: its database, its task types and its workers. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

    @Bean
    DataflowSettings dataflowSettings(Environment environment) {
        return DataflowSettings.from(environment);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DataflowSettings settings) {
        if (settings.dbUrl().startsWith("jdbc:h2:file:")) {
            try {
                Files.createDirectories(settings.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + settings.dataDir(), e);
            }
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.dbUrl());
        config.setUsername(settings.dbUser());
        config.setPassword(settings.dbPassword());
        config.setMaximumPoolSize(settings.dbPoolSize());
        config.setPoolName("dataflow");
        return new HikariDataSource(config);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OutboundSettings outboundSettings(Environment environment) {
        return OutboundSettings.from(environment);
    }

    /** The one guard of every outbound connection: HTTP and SQL tasks, webhooks. */
    @Bean
    OutboundGuard outboundGuard(DataflowSettings settings, OutboundSettings outbound) {
        return new OutboundGuard(settings.allowPrivateNetworks(), outbound.allowList(),
                PlatformDatabase.fromJdbcUrl(settings.dbUrl()));
    }

    @Bean(destroyMethod = "close")
    GuardedHttp guardedHttp(OutboundGuard guard, DataflowSettings settings) {
        return new GuardedHttp(guard, settings.httpMaxResponseBytes());
    }

    /**
     * How big a task's output, an execution's outputs and a stored input may be: {@code DATAFLOW_MAX_OUTPUT_BYTES}.
     * A value below the minimum stops the server at start.
     */
    @Bean
    OutputLimits outputLimits(Environment environment) {
        return new OutputLimits(environment.getProperty(OutputLimits.SETTING, Long.class,
                OutputLimits.DEFAULT_MAX_BYTES));
    }

    /** The engine's database, shared by the engine and the stores the API reads beside it (credentials, files). */
    @Bean
    Database database(DataSource dataSource, DataflowSettings settings) {
        return new Database(dataSource, SqlDialect.fromJdbcUrl(settings.dbUrl()));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    Engine engine(Database database, DataflowSettings settings, Clock clock, GuardedHttp guardedHttp,
            OutboundGuard guard, CredentialVault credentials, DatabaseFileStore files, OutputLimits outputLimits) {
        String workerId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        EngineConfig config = new EngineConfig(workerId, settings.workers(), settings.lease(), settings.pollInterval(),
                clock, outputLimits);
        return new Engine(database, TaskTypeRegistry.loadInstalled(), config,
                new TaskServices(guardedHttp, credentials, files, guard.socketFactory()));
    }
}
