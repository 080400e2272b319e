package io.dataflow.server.ai;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.testing.FakeOpenAi;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.util.UUID;

/**
 * A new organization on the shared server whose {@code openai} credential (the AI tasks' default) points at a
 * {@link FakeOpenAi}. Its own organization lets a test use a seed's workflow title, unique per organization, as is.
 */
public final class FakeOpenAiOrganization {

    private FakeOpenAiOrganization() {
    }

    /** Creates the organization and its credential, and returns a client with its admin key. */
    public static Api create(TestDatabase database, FakeOpenAi openAi, String apiKey) {
        Api api = TestServer.shared(database).newOrganization("openai " + UUID.randomUUID());
        api.createCredential("openai", Json.object().put("api_key", apiKey).put("base_url", openAi.baseUrl())
                .toString());
        return api;
    }
}
