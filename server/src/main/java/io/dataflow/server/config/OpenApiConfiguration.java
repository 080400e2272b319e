package io.dataflow.server.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document at {@code /v3/api-docs}: title, version, and the API key every operation needs (the
 * {@code X-API-Key} header or {@code Authorization: Bearer}), with the 401 answer that goes with it.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String API_KEY = "apiKey";
    static final String BEARER = "bearer";
    static final String UNAUTHORIZED = "Unauthorized";

    static {
        // springdoc does not know Jackson 3's tree type and would describe its getters. It stands for any JSON value,
        // which OpenAPI 3.1 says by listing every type.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new JsonSchema().description("Any JSON value")
                .types(new LinkedHashSet<>(List.of("object", "array", "string", "number", "boolean", "null"))));
    }

    @Bean
    OpenAPI openApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("Data Flow Platform API")
                        .version(properties != null ? properties.getVersion() : "dev")
                        .description("Define workflows of typed tasks, run them with inputs, follow every task of "
                                + "every execution and get told by webhook when they change. Every request needs "
                                + "an API key, as the X-API-Key header or as Authorization: Bearer <key>, except "
                                + "those through an event link, whose signed token is its credential. Errors "
                                + "are RFC 9457 problem documents. The reference is docs/api.md in the repository."))
                .components(new Components()
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("The admin key is printed on first start and saved to "
                                        + "data/admin-api-key"))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("The same API key as a bearer token"))
                        .addResponses(UNAUTHORIZED, new ApiResponse()
                                .description("No API key, or not a valid one")
                                .content(new Content().addMediaType("application/problem+json",
                                        new MediaType().schema(new ObjectSchema()
                                                .addProperty("type", new StringSchema())
                                                .addProperty("title", new StringSchema())
                                                .addProperty("status", new IntegerSchema())
                                                .addProperty("detail", new StringSchema())
                                                .addProperty("instance", new StringSchema()))))))
                // Two requirements: either scheme is enough.
                .addSecurityItem(new SecurityRequirement().addList(API_KEY))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /**
     * Every operation may answer 401: the key is checked before anything else runs. Not the event links, whose
     * operations say they need no key with an empty list of security requirements.
     */
    @Bean
    OpenApiCustomizer unauthorizedResponses() {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().values().forEach(path -> path.readOperations().stream()
                    .filter(operation -> !unauthenticated(operation))
                    .forEach(operation -> operation.getResponses().addApiResponse("401",
                            new ApiResponse().$ref("#/components/responses/" + UNAUTHORIZED))));
        };
    }

    private static boolean unauthenticated(Operation operation) {
        return operation.getSecurity() != null && operation.getSecurity().isEmpty();
    }
}
