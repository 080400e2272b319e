package io.dataflow.engine.expression;

/**
 * A value found in a JSON document, with where it was found.
 *
 * @param pointer JSON pointer (RFC 6901) of the string holding it, relative to the pointer the search started at
 * @param value what was found
 */
public record Located<T>(String pointer, T value) {
}
