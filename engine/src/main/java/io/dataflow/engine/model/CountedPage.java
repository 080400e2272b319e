package io.dataflow.engine.model;

import java.util.List;

/**
 * One page of a list read by offset, with how many there are in all.
 *
 * @param total how many items the list has, before paging
 */
public record CountedPage<T>(long total, List<T> items) {

    public CountedPage {
        items = List.copyOf(items);
    }
}
