package io.dataflow.engine.model;

import java.util.List;

/**
 * One page of a list, newest first.
 *
 * @param nextCursor opaque cursor for the next page, or null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
}
