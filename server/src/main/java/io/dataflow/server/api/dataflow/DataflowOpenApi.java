package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.Json;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The {@code /workflows} API's error responses in the OpenAPI document: one shared response per kind of problem,
 * which the controllers' {@code @ApiResponse(ref = ...)} name, all with the {@code Problem} schema of
 * {@link OpenApiSchemas}.
 */
@Component
public class DataflowOpenApi implements OpenApiCustomizer {

    static final String BAD_WORKFLOW = "InvalidWorkflow";
    static final String BAD_INPUTS = "InvalidExecutionRequest";
    public static final String BAD_PARAMETER = "InvalidQueryParameter";
    public static final String NOT_FOUND = "NotFound";
    static final String NAME_TAKEN = "NameTaken";
    static final String FINISHED = "AlreadyFinished";
    static final String UNFINISHED = "NotFinished";
    static final String NOT_ALLOWED = "NotAllowedInStatus";
    public static final String FORBIDDEN = "Forbidden";
    public static final String TOO_LARGE = "ContentTooLarge";
    public static final String FILE_TOO_LARGE = "FileTooLarge";
    public static final String OVER_LIMIT = "OverLimit";
    public static final String FILE_QUOTA = "FileQuotaExceeded";
    public static final String COUNT_LIMIT = "CountLimitReached";

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() != null ? api.getComponents() : new Components();
        api.setComponents(components);
        ModelConverters.getInstance(true).readAll(OpenApiSchemas.Problem.class).forEach(components::addSchemas);
        components.addResponses(BAD_WORKFLOW, problem("The document is not a valid workflow; errors lists every "
                + "problem", OpenApiSchemas.INVALID_WORKFLOW));
        components.addResponses(BAD_INPUTS, problem("The body or the inputs are not valid; errors lists every "
                + "problem, inputs under #/inputs (seed 001) or #/input (seed 000). A workflow version with no task "
                + "(made through /api/v1) is refused at #/tasks (#/steps on seed 000's execute): it would never end",
                OpenApiSchemas.INVALID_INPUTS));
        components.addResponses(BAD_PARAMETER, problem("A query parameter is not valid; errors[].parameter names it",
                """
                {"title": "Bad Request", "status": 400, "instance": "/workflows",
                 "detail": "query parameter 'limit' must be a whole number from 1 to 100",
                 "errors": [{"parameter": "limit",
                             "detail": "query parameter 'limit' must be a whole number from 1 to 100"}]}"""));
        components.addResponses(NOT_FOUND, problem("No such workflow or execution in the caller's organization",
                """
                {"title": "Not Found", "status": 404, "instance": "/workflows/wf-nope",
                 "detail": "workflow wf-nope was not found"}"""));
        components.addResponses(NAME_TAKEN, problem("Another workflow of the organization has this name",
                """
                {"title": "Conflict", "status": 409, "instance": "/workflows",
                 "detail": "a workflow named 'Dummy Workflow' already exists"}"""));
        components.addResponses(FINISHED, problem("The execution had already finished", null));
        components.addResponses(UNFINISHED, problem("The execution has not finished; terminate it first", """
                {"title": "Conflict", "status": 409, "instance": "/workflows/wf-01/executions/ex-01",
                 "detail": "execution ex-01 has not finished; terminate it first"}"""));
        components.addResponses(NOT_ALLOWED, problem("The execution's status does not allow this; the detail names "
                + "its status and the statuses that do", """
                {"title": "Conflict", "status": 409, "instance": "/workflows/wf-01/executions/ex-01/pause",
                 "detail": "execution ex-01 is COMPLETED; pause is allowed only while it is PENDING, RUNNING, \
                WAITING"}"""));
        components.addResponses(FORBIDDEN, problem("The API key is not an admin key", null));
        components.addResponses(TOO_LARGE, problem("The body is larger than 1 MiB", null));
        components.addResponses(FILE_TOO_LARGE, problem("The file is larger than the server's limit"
                + " (DATAFLOW_MAX_FILE_BYTES, 50 MiB by default)", """
                {"title": "Content Too Large", "status": 413, "instance": "/files",
                 "detail": "the file is larger than the limit of 52428800 bytes"}"""));
        components.addResponses(OVER_LIMIT, problem("The organization is over one of its limits (limit names the"
                + " setting); Retry-After says when to try again", """
                {"title": "Too Many Requests", "status": 429, "instance": "/workflows/wf-01/executions",
                 "limit": "DATAFLOW_LIMIT_STARTS_PER_SECOND",
                 "detail": "this organization is starting executions faster than its limit of 100 per second \
                (DATAFLOW_LIMIT_STARTS_PER_SECOND, in bursts of up to 500, DATAFLOW_LIMIT_STARTS_BURST); try again \
                in 1 s"}"""));
        components.addResponses(FILE_QUOTA, problem("The organization's files are at its limit of files or bytes"
                + " (limit names the setting); waiting does not help, so there is no Retry-After", """
                {"title": "Too Many Requests", "status": 429, "instance": "/files", "limit": "DATAFLOW_LIMIT_FILES",
                 "detail": "the organization already stores 10000 files; its limit is 10000 files \
                (DATAFLOW_LIMIT_FILES). Waiting does not help: delete executions whose files are no longer needed, \
                or ask the operator for a higher limit"}"""));
        components.addResponses(COUNT_LIMIT, problem("The organization has as many users, or the user as many "
                + "unrevoked API keys, as it may (limit names the setting); waiting does not help, so there is no "
                + "Retry-After", """
                {"title": "Too Many Requests", "status": 429, "instance": "/api/v1/users",
                 "limit": "DATAFLOW_LIMIT_USERS",
                 "detail": "the organization already has 1000 users; its limit is 1000 (DATAFLOW_LIMIT_USERS). \
                Waiting does not help: delete users who no longer need access, or ask the operator for a higher \
                limit"}"""));
    }

    private static ApiResponse problem(String description, String example) {
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"));
        if (example != null) {
            // As plain maps and lists, which swagger's own (Jackson 2) writer serializes.
            media.addExamples("example", new Example().value(Json.MAPPER.readValue(example, Object.class)));
        }
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        media));
    }
}
