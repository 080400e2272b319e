package io.dataflow.server.api.v1;

import java.util.Optional;

/**
 * A version number as a path names it: 1 or more, in plain digits. Anything else names no version the listing shows
 * (an execution's own snapshot is numbered below zero and stays unlisted), so it is read as absent, never as an
 * error of the server.
 */
final class VersionNumber {

    private static final int MAX_DIGITS = 9;

    private VersionNumber() {
    }

    static Optional<Integer> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_DIGITS || !text.chars().allMatch(c -> c >= '0'
                && c <= '9')) {
            return Optional.empty();
        }
        int number = Integer.parseInt(text);
        return number >= 1 ? Optional.of(number) : Optional.empty();
    }
}
