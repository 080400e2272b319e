package io.dataflow.engine.expression;

/**
 * A template could not be resolved: an expression failed, hit its limits, or produced something that is not JSON.
 * The message names the expression and says what went wrong.
 */
public class TemplateException extends Exception {

    private final String expression;
    private final String pointer;

    public TemplateException(String message, String expression, String pointer) {
        super(message);
        this.expression = expression;
        this.pointer = pointer;
    }

    /** The text between {@code {{} and {@code }}} that failed, as written. */
    public String expression() {
        return expression;
    }

    /** JSON pointer of the string holding the expression, relative to the resolved value ({@code ""} for the value itself). */
    public String pointer() {
        return pointer;
    }
}
