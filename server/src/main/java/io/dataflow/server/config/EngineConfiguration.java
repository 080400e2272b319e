package io.dataflow.server.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dataflow.engine.Engine;
import io.dataflow.engine.net.GuardedHttp;
import io.dataflow.engine.net.OutboundGuard;
import io.dataflow.engine.net.PlatformDatabase;
import io.dataflow.engine.run.EngineConfig;
import io.dataflow.engine.spi.CredentialVault;
import io.dataflow.engine.spi.EventLinks;
import io.dataflow.engine.spi.TaskServices;
import io.dataflow.engine.spi.TaskTypeRegistry;
import io.dataflow.engine.store.Database;
import io.dataflow.engine.store.DatabaseFileStore;
import io.dataflow.engine.store.OutputLimits;
import io.dataflow.engine.store.SqlDialect;
import java.nio.file.Files;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the engine of this node: its database, its task types and its workers. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

    /**
     * What an idle server keeps open: its three background loops (claiming tasks, claiming webhook events, renewing
     * leases) each keep reusing a connection of their own (Hikari hands a thread back the one it last used), so
     * fewer would only be reopened.
     */
    public static final int MIN_IDLE_CONNECTIONS = 3;
    /** How long a connection beyond the minimum may stay unused before the pool closes it. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    @Bean
    DataflowSettings dataflowSettings(Environment environment) {
        return DataflowSettings.from(environment);
    }

    @Bean
    NodeName nodeName() {
        return NodeName.generate();
    }

    /**
     * The connection pool: small while idle, growing under load up to {@code DATAFLOW_DB_POOL_SIZE}, and shrinking
     * again after a minute without use. Measured (README, Configuration), the engine needs few connections even
     * under a burst of starts: starts and task completions are group-committed, and no task holds a pooled
     * connection while it runs (SQL tasks open their own, to their own databases), so the pool serves short
     * transactions only.
     */
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DataflowSettings settings, NodeName nodeName) {
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
        config.setMinimumIdle(Math.min(MIN_IDLE_CONNECTIONS, settings.dbPoolSize()));
        config.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        config.setPoolName("dataflow");
        if (SqlDialect.fromJdbcUrl(settings.dbUrl()) == SqlDialect.POSTGRESQL) {
            // pg_stat_activity then tells this server's connections apart (an ApplicationName in the URL wins).
            config.addDataSourceProperty("ApplicationName", nodeName.applicationName());
        }
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
            OutboundGuard guard, CredentialVault credentials, DatabaseFileStore files, OutputLimits outputLimits,
            NodeName nodeName, EventLinks eventLinks, Environment env) {
        EngineConfig config = new EngineConfig(nodeName.value(), settings.workers(), settings.lease(),
                settings.pollInterval(), clock, outputLimits, eventLinks, ExecutionRetention.from(env));
        return new Engine(database, TaskTypeRegistry.loadInstalled(), config,
                new TaskServices(guardedHttp, credentials, files, guard.socketFactory()));
    }
}
