package io.dataflow.engine.model;

/**
 * One thing wrong with a request.
 *
 * @param pointer JSON pointer (RFC 6901) to the offending field of the document the user sent, such as
 *     {@code /steps/1/type}; empty for the whole document
 * @param detail what is wrong, in a sentence
 */
public record Problem(String pointer, String detail) {

    /** The same problem located under {@code prefix}, such as {@code /inputs}. */
    public Problem under(String prefix) {
        return new Problem(prefix + pointer, detail);
    }
}
