package io.dataflow.engine.run;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dataflow.engine.decide.PlanSource;
import io.dataflow.engine.definition.DefinitionCompiler;
import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.store.WorkflowStore;

/**
 * Compiled plans by workflow version. Versions never change, so a cached plan is never stale; the cache is bounded
 * so many workflows do not grow memory without limit.
 */
public final class PlanCache implements PlanSource {

    private final Cache<String, Plan> plans = Caffeine.newBuilder().maximumSize(2_000).build();
    private final WorkflowStore workflows;
    private final DefinitionCompiler compiler;

    public PlanCache(WorkflowStore workflows, DefinitionCompiler compiler) {
        this.workflows = workflows;
        this.compiler = compiler;
    }

    /**
     * The plan of a stored version; it was validated when stored, and is compiled again without the checks added
     * since ({@link DefinitionCompiler#compileStored}), so compiling it again succeeds.
     */
    @Override
    public Plan plan(String workflowId, int version) {
        return plans.get(workflowId + "@" + version, key -> compiler.compileStored(
                workflows.version(workflowId, version).orElseThrow(() -> new IllegalStateException(
                        "version " + version + " of " + workflowId + " is missing")).definition()));
    }
}
