package io.dataflow.engine.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every task type the engine can run, by name. */
public final class TaskTypeRegistry {

    private final Map<String, TaskType> types;

    public TaskTypeRegistry(Collection<? extends TaskType> types) {
        Map<String, TaskType> byName = new TreeMap<>();
        for (TaskType type : types) {
            TaskType previous = byName.putIfAbsent(type.name(), type);
            if (previous != null) {
                throw new IllegalArgumentException("two task types are named " + type.name() + ": "
                        + previous.getClass().getName() + " and " + type.getClass().getName());
            }
        }
        this.types = Collections.unmodifiableMap(byName);
    }

    /** The types listed through {@link ServiceLoader} on the class path: the built-in ones and any plugin's. */
    public static TaskTypeRegistry loadInstalled() {
        return new TaskTypeRegistry(ServiceLoader.load(TaskType.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public Optional<TaskType> find(String name) {
        return Optional.ofNullable(name == null ? null : types.get(name));
    }

    /** The names of all types, sorted. */
    public java.util.Set<String> names() {
        return types.keySet();
    }

    /** All types, sorted by name. */
    public Collection<TaskType> all() {
        return types.values();
    }
}
