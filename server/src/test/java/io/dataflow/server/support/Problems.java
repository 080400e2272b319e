package io.dataflow.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Checks on RFC 9457 problem answers of the {@code /workflows} API. */
public final class Problems {

    private Problems() {
    }

    /** Asserts that the answer is a problem document with this status, and returns its body. */
    public static JsonNode assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as("status of %s", response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("Content-Type").startsWith("application/problem+json");
        assertThat(response.body()).as("problem body").isNotNull();
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.body().get("detail").asString()).isNotBlank();
        return response.body();
    }

    /** The {@code pointer} of each entry of {@code errors}, in order. */
    public static List<String> pointers(Api.Response response) {
        return entries(response, "pointer");
    }

    /** The {@code parameter} of each entry of {@code errors}, in order. */
    public static List<String> parameters(Api.Response response) {
        return entries(response, "parameter");
    }

    /** The detail of the entry of {@code errors} at this pointer. */
    public static String detailAt(Api.Response response, String pointer) {
        JsonNode errors = response.body().get("errors");
        assertThat(errors).as("errors of %s", response.text()).isNotNull();
        for (JsonNode error : errors) {
            if (error.has("pointer") && error.get("pointer").asString().equals(pointer)) {
                return error.get("detail").asString();
            }
        }
        throw new AssertionError("no problem at " + pointer + " in " + response.text());
    }

    private static List<String> entries(Api.Response response, String field) {
        JsonNode errors = response.body().get("errors");
        assertThat(errors).as("errors of %s", response.text()).isNotNull();
        return errors.valueStream().map(e -> e.has(field) ? e.get(field).asString() : null).toList();
    }
}
