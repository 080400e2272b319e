package io.dataflow.server.auth;

import io.dataflow.engine.Engine;
import io.dataflow.engine.store.ApiKeyStore;
import io.dataflow.server.config.DataflowSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On first start with an empty database, creates the default organization and its admin key, then prints the key
 * once and writes it to {@code <data dir>/admin-api-key} (mode 600). {@code DATAFLOW_ADMIN_API_KEY} chooses the key
 * instead, and is made valid on every start.
 */
@Component
public class AdminKeyBootstrap implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    private final Engine engine;
    private final DataflowSettings settings;
    private Optional<ApiKeyStore.IssuedKey> issued = Optional.empty();

    public AdminKeyBootstrap(Engine engine, DataflowSettings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        issued = engine.organizations().bootstrap(settings.adminApiKey());
        if (issued.isEmpty() && settings.adminApiKey() != null) {
            engine.organizations().ensureAdminKey(settings.adminApiKey());
        }
        if (issued.isPresent() && settings.adminApiKey() == null) {
            writeKeyFile(issued.get().secret());
        }
    }

    @EventListener
    public void announce(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        StringBuilder banner = new StringBuilder("\n  Data Flow Platform is listening on http://localhost:" + port + "\n");
        if (issued.isPresent() && settings.adminApiKey() == null) {
            banner.append("  Admin API key (shown once, also saved to ").append(keyFile()).append("):\n    ")
                    .append(issued.get().secret()).append("\n  Send it as the X-API-Key header, or sign in with it to the web UI"
                            + " at http://localhost:").append(port).append("/\n");
        } else {
            banner.append("  Use your admin API key in the X-API-Key header (")
                    .append(settings.adminApiKey() != null ? "DATAFLOW_ADMIN_API_KEY" : keyFile().toString())
                    .append(").\n");
        }
        log.info(banner.toString());
    }

    private Path keyFile() {
        return settings.dataDir().resolve("admin-api-key");
    }

    private void writeKeyFile(String key) {
        try {
            Files.createDirectories(settings.dataDir());
            Path file = keyFile();
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin API key to " + keyFile(), e);
        }
    }
}
