package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.testing.SettableClock;
import io.dataflow.engine.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The file store's per-organization quota on each database: a file that would pass it is not stored, uploads that
 * race each other never pass it together, a task's file over it fails the task for good, and another organization's
 * files count apart.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class FileQuotaTests {

    private static final int MAX_FILES = 3;
    private static final int MAX_BYTES = 1000;

    @Parameter
    TestDatabase kind;

    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private StoreFixture stores;
    private DatabaseFileStore files;
    private OrganizationUsage usage;
    private String organizationId;

    @BeforeEach
    void openDatabase() {
        stores = new StoreFixture(kind, clock, "quota");
        files = new DatabaseFileStore(stores.database, clock, MAX_BYTES, new FileQuota(MAX_FILES, MAX_BYTES));
        usage = new OrganizationUsage(stores.database);
        organizationId = stores.organizationId;
    }

    @AfterEach
    void dropDatabase() {
        if (stores != null) { // null when PostgreSQL is skipped
            stores.close();
        }
    }

    @Test
    void uploadsRacingEachOtherNeverPassTheFilesQuotaTogether() throws Exception {
        int uploads = 12;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<StoredFileInfo>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(uploads)) {
            for (int i = 0; i < uploads; i++) {
                String name = "f" + i;
                results.add(threads.submit(() -> {
                    go.await();
                    return files.upload(organizationId, name, "text/plain", new byte[10]);
                }));
            }
            go.countDown();
        }

        int stored = 0;
        for (Future<StoredFileInfo> result : results) {
            try {
                result.get();
                stored++;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(FileQuotaExceededException.class);
                assertThat(((FileQuotaExceededException) e.getCause()).limit())
                        .isEqualTo(FileQuotaExceededException.Limit.FILES);
            }
        }
        assertThat(stored).isEqualTo(MAX_FILES);
        assertThat(usage.files(organizationId)).isEqualTo(new OrganizationUsage.Files(MAX_FILES, MAX_FILES * 10));
    }

    @Test
    void anUploadOverTheBytesQuotaIsNotStoredAndOneThatFitsIs() {
        files.upload(organizationId, "big", "text/plain", new byte[700]);

        assertThatThrownBy(() -> files.upload(organizationId, "more", "text/plain", new byte[301]))
                .isInstanceOf(FileQuotaExceededException.class)
                .hasMessage("file 'more' (301 bytes) would take the organization's stored files to 1001 bytes, over"
                        + " its limit of 1000 bytes");
        assertThat(usage.files(organizationId)).isEqualTo(new OrganizationUsage.Files(1, 700));

        files.upload(organizationId, "fits", "text/plain", new byte[300]);
        assertThat(usage.files(organizationId)).isEqualTo(new OrganizationUsage.Files(2, 1000));
    }

    @Test
    void aTaskFileOverTheQuotaFailsTheTaskForGoodAndIsNotStored() {
        files.upload(organizationId, "big", "text/plain", new byte[900]);

        assertThatThrownBy(() -> files.save(organizationId, null, "out.bin", "application/octet-stream",
                new byte[200]))
                .isInstanceOfSatisfying(TaskFailure.class, failure -> assertThat(failure.retryable()).isFalse())
                .hasMessageContaining("over its limit of 1000 bytes");
        assertThat(usage.files(organizationId)).isEqualTo(new OrganizationUsage.Files(1, 900));
    }

    @Test
    void anotherOrganizationsFilesCountApart() {
        String other = stores.organizations.createOrganization("others").key().organizationId();
        for (int i = 0; i < MAX_FILES; i++) {
            files.upload(organizationId, "f" + i, "text/plain", new byte[10]);
        }

        files.upload(other, "theirs", "text/plain", new byte[10]);

        assertThat(usage.files(other)).isEqualTo(new OrganizationUsage.Files(1, 10));
    }
}
