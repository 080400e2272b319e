package io.dataflow.server.api.v1;

import io.dataflow.engine.Engine;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The templates shipped with the server, {@code templates/*.json} on the class path, ordered by id. Each file is a
 * {@code POST /api/v1/workflows} body plus the template's {@code id} and {@code category}, and is checked at start
 * by the same reader and compiler as that request: a template that would not create a workflow stops the server.
 */
@Component
public class BuiltInTemplates {

    static final String LOCATION = "classpath*:templates/*.json";
    private static final Pattern ID = Pattern.compile("tpl_[a-z0-9_]{1,60}");
    private static final Set<String> CATEGORIES = Set.of("ai", "data", "text", "web");

    private final List<WorkflowTemplate> templates;

    @Autowired
    BuiltInTemplates(Engine engine) throws IOException {
        this(engine, LOCATION);
    }

    /** The templates at {@code location}, a class path pattern; throws when one is broken or there are none. */
    BuiltInTemplates(Engine engine, String location) throws IOException {
        GraphDocumentReader graphs = new GraphDocumentReader(engine.taskTypes());
        List<WorkflowTemplate> read = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources(location)) {
            WorkflowTemplate template = read(resource, graphs, engine);
            if (!ids.add(template.id())) {
                throw broken(resource, "its id " + template.id() + " is another template's too");
            }
            read.add(template);
        }
        if (read.isEmpty()) {
            throw new IllegalStateException("no built-in workflow templates found at " + location);
        }
        read.sort(Comparator.comparing(WorkflowTemplate::id));
        this.templates = List.copyOf(read);
    }

    /** Every built-in template, by id. */
    public List<WorkflowTemplate> all() {
        return templates;
    }

    private static WorkflowTemplate read(Resource resource, GraphDocumentReader graphs, Engine engine)
            throws IOException {
        JsonNode parsed;
        try (InputStream in = resource.getInputStream()) {
            parsed = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        if (!(parsed instanceof ObjectNode doc)) {
            throw broken(resource, "it is not a JSON object");
        }
        String id = doc.path("id").asString("");
        String category = doc.path("category").asString("");
        if (!ID.matcher(id).matches()) {
            throw broken(resource, "its id must match " + ID + ", got '" + id + "'");
        }
        if (!CATEGORIES.contains(category)) {
            throw broken(resource, "its category must be one of " + CATEGORIES.stream().sorted().toList());
        }
        ObjectNode body = doc.deepCopy();
        body.remove("id");
        body.remove("category");
        try {
            WorkflowBody workflow = WorkflowBody.read(body, null, graphs);
            engine.workflows().check(workflow.graph().definition());
            if (workflow.description() == null || workflow.tags() == null) {
                throw broken(resource, "it needs a description and tags");
            }
            return WorkflowTemplate.builtIn(id, category, workflow);
        } catch (InvalidDefinitionException e) {
            throw broken(resource, e.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
        }
    }

    private static IllegalStateException broken(Resource resource, String why) {
        return new IllegalStateException("built-in workflow template " + resource.getFilename() + " is broken: " + why);
    }
}
