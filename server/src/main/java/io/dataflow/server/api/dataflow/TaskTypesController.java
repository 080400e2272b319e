package io.dataflow.server.api.dataflow;

import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.dataflow.engine.Engine;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.spi.TaskType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /task-types}: the catalog of every task type this server can run, with its ports and an example,
 * read from the task SPI itself, so the catalog, the UI and the docs cannot disagree with what workflows accept.
 */
@RestController
@RequestMapping(path = "/task-types", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Task types", description = "The catalog of task types workflows can use.")
class TaskTypesController {

    private final Engine engine;

    TaskTypesController(Engine engine) {
        this.engine = engine;
    }

    @Schema(name = "TaskTypeList")
    record TaskTypeList(List<TaskTypeView> task_types) {
    }

    @Schema(name = "TaskType")
    record TaskTypeView(String name, String description, List<PortView> inputs, List<PortView> outputs,
            @Schema(description = "An example input object") JsonNode example_input) {
        static TaskTypeView of(TaskType type) {
            return new TaskTypeView(type.name(), type.description(), type.inputs().stream().map(PortView::of).toList(),
                    type.outputs().stream().map(PortView::of).toList(), type.exampleInput());
        }
    }

    @Schema(name = "TaskPort")
    record PortView(String name,
            @Schema(allowableValues = {"text", "number", "integer", "boolean", "object", "array", "file", "any"})
            String type,
            @Schema(description = "Inputs only: whether a value must be given") boolean required,
            @Schema(description = "Inputs only: the value used when none is given") JsonNode default_value,
            String description) {
        static PortView of(Port port) {
            return new PortView(port.name(), port.type().wireName(), port.required(), port.defaultValue(),
                    port.description());
        }
    }

    @Operation(operationId = "listTaskTypes", summary = "List task types",
            description = "Every task type, sorted by name, with its input ports (primary first), output ports and an"
                    + " example input.")
    @ApiResponse(responseCode = "200", description = "The catalog")
    @RequiresScope(Scope.READ)
    @GetMapping
    TaskTypeList list() {
        return new TaskTypeList(engine.taskTypes().all().stream().map(TaskTypeView::of).toList());
    }

    @Operation(operationId = "getTaskType", summary = "Get one task type")
    @ApiResponse(responseCode = "200", description = "The task type")
    @ApiResponse(responseCode = "404", description = "No task type of that name")
    @RequiresScope(Scope.READ)
    @GetMapping("/{name}")
    TaskTypeView get(@PathVariable String name) {
        return engine.taskTypes().find(name).map(TaskTypeView::of)
                .orElseThrow(() -> DataflowApiException.notFound("task type " + name));
    }
}
