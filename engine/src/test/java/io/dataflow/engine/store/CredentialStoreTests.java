package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.model.Credential;
import io.dataflow.engine.model.CredentialPolicy;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.spi.CredentialVault;
import io.dataflow.engine.testing.SettableClock;
import io.dataflow.engine.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

/** Credentials stored encrypted, scoped by organization, and read through the caching vault. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class CredentialStoreTests {

    @Parameter
    TestDatabase kind;

    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private TestDatabase.Fresh database;
    private CredentialStore store;
    private CachingCredentialVault vault;
    private String org;
    private String otherOrg;

    @BeforeEach
    void openDatabase() {
        database = kind.fresh();
        Database db = database.database();
        db.migrate();
        OrganizationStore organizations = new OrganizationStore(db, clock);
        org = organizations.createOrganization("one").key().organizationId();
        otherOrg = organizations.createOrganization("two").key().organizationId();
        store = new CredentialStore(db, CredentialCipher.fromBase64(CredentialCipher.newKeyBase64(), "key"), clock);
        vault = new CachingCredentialVault(store);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private static ObjectNode value(String apiKey) {
        return Json.object().put("api_key", apiKey).put("base_url", "https://api.example.com");
    }

    @Test
    void storesTheValueEncryptedAndShowsOnlyFieldNames() {
        Credential created = store.create(org, "openai", "openai", value("sk-live-123"));

        assertThat(created.fields()).containsExactly("api_key", "base_url");
        String stored = database.database().read(sql -> sql.one("SELECT ciphertext FROM credentials WHERE id = ?",
                r -> r.string("ciphertext"), created.id())).orElseThrow();
        assertThat(stored).doesNotContain("sk-live-123").doesNotContain("api_key");
        assertThat(store.find(org, "openai")).contains(created);
        assertThat(vault.find(org, "openai")).contains(value("sk-live-123"));
    }

    @Test
    void keepsTheRulesForUsingEachCredential() {
        CredentialPolicy organizationNoTemplates = CredentialPolicy.of(CredentialPolicy.UsableBy.ORGANIZATION);
        CredentialPolicy adminsNoTemplates = new CredentialPolicy(CredentialPolicy.UsableBy.ADMINS, false);

        Credential open = store.create(org, "open", null, organizationNoTemplates, value("sk-open"));
        store.create(org, "closed", null, adminsNoTemplates, value("sk-closed"));

        assertThat(open.policy()).isEqualTo(organizationNoTemplates);
        assertThat(store.find(org, "open").orElseThrow().policy()).isEqualTo(organizationNoTemplates);
        assertThat(store.find(org, "closed").orElseThrow().policy()).isEqualTo(adminsNoTemplates);
        assertThat(store.list(org, null, 10).items()).extracting(Credential::policy)
                .containsExactly(adminsNoTemplates, organizationNoTemplates);
        assertThat(store.entry(org, "open").orElseThrow().policy()).isEqualTo(organizationNoTemplates);
        assertThat(vault.entry(org, "closed").orElseThrow()).isEqualTo(new CredentialVault.Entry(value("sk-closed"),
                adminsNoTemplates));
    }

    @Test
    void namesAreUniquePerOrganization() {
        store.create(org, "db", "sql", value("a-secret"));

        assertThatThrownBy(() -> store.create(org, "db", null, value("b-secret")))
                .isInstanceOf(CredentialNameTakenException.class).hasMessageContaining("'db'");
        assertThat(store.create(otherOrg, "db", null, value("c-secret")).organizationId()).isEqualTo(otherOrg);
    }

    @Test
    void anotherOrganizationNeitherSeesNorChangesThem() {
        store.create(org, "openai", null, value("sk-1"));

        assertThat(store.find(otherOrg, "openai")).isEmpty();
        assertThat(vault.find(otherOrg, "openai")).isEmpty();
        assertThat(store.list(otherOrg, null, 10).items()).isEmpty();
        assertThat(store.replace(otherOrg, "openai", null, CredentialPolicy.DEFAULT, value("sk-2"))).isEmpty();
        assertThat(store.delete(otherOrg, "openai")).isFalse();
        assertThat(vault.find(org, "openai")).contains(value("sk-1"));
    }

    @Test
    void replacingAndDeletingReachTheVaultAtOnce() {
        store.create(org, "openai", "openai", value("sk-old"));
        assertThat(vault.find(org, "openai")).contains(value("sk-old"));
        assertThat(vault.entry(org, "openai").orElseThrow().policy()).isEqualTo(CredentialPolicy.DEFAULT);
        clock.advance(Duration.ofSeconds(5));

        CredentialPolicy open = new CredentialPolicy(CredentialPolicy.UsableBy.ORGANIZATION, false);
        Credential replaced = store.replace(org, "openai", "http", open, value("sk-new")).orElseThrow();

        assertThat(replaced.type()).isEqualTo("http");
        assertThat(replaced.policy()).isEqualTo(open);
        assertThat(replaced.updatedAt()).isAfter(replaced.createdAt());
        assertThat(vault.find(org, "openai")).contains(value("sk-new"));
        assertThat(vault.entry(org, "openai").orElseThrow().policy()).isEqualTo(open);
        assertThat(store.delete(org, "openai")).isTrue();
        assertThat(vault.find(org, "openai")).isEmpty();
        store.create(org, "openai", null, value("sk-again"));
        assertThat(vault.find(org, "openai")).contains(value("sk-again"));
    }

    @Test
    void listsNewestFirstInPages() {
        for (int i = 0; i < 5; i++) {
            store.create(org, "c" + i, null, value("secret-" + i));
        }

        Page<Credential> first = store.list(org, null, 3);
        Page<Credential> second = store.list(org, first.nextCursor(), 3);

        assertThat(first.items()).extracting(Credential::name).containsExactly("c4", "c3", "c2");
        assertThat(second.items()).extracting(Credential::name).containsExactly("c1", "c0");
        assertThat(second.nextCursor()).isNull();
    }
}
