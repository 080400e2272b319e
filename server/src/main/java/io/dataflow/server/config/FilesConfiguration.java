package io.dataflow.server.config;

import io.dataflow.engine.store.Database;
import io.dataflow.engine.store.DatabaseFileStore;
import io.dataflow.server.limits.LimitSettings;
import jakarta.servlet.MultipartConfigElement;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Files: the store in the engine's database, which tasks write through the engine and {@code /files} serves, within
 * each organization's file limits ({@code DATAFLOW_LIMIT_FILES}, {@code DATAFLOW_LIMIT_FILE_BYTES}), and
 * the servlet's multipart limits, taken from {@code DATAFLOW_MAX_FILE_BYTES} instead of Spring Boot's 1 MB default.
 */
@Configuration(proxyBeanMethods = false)
public class FilesConfiguration {

    /** Room for a multipart body's boundaries and part headers around the file itself. */
    public static final long MULTIPART_OVERHEAD_BYTES = 64 * 1024;

    @Bean
    DatabaseFileStore fileStore(Database database, DataflowSettings settings, LimitSettings limits, Clock clock) {
        return new DatabaseFileStore(database, clock, settings.maxFileBytes(), limits.fileQuota());
    }

    /**
     * Parts are kept in memory up to 1 MiB and in temporary files beyond. Spring Boot uses this instead of its own
     * {@code spring.servlet.multipart} settings.
     */
    @Bean
    MultipartConfigElement multipartConfig(DataflowSettings settings) {
        return new MultipartConfigElement("", settings.maxFileBytes(),
                settings.maxFileBytes() + MULTIPART_OVERHEAD_BYTES, 1024 * 1024);
    }
}
