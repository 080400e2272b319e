package io.dataflow.engine.expression;

/**
 * A string being built by a bounded built-in: it fails with the string limit as soon as the text would pass it, not
 * after a huge string was built, and checks the evaluation's time as it grows.
 */
final class BoundedText {

    private final StringBuilder text = new StringBuilder();
    private final EvaluationBounds bounds;
    private int appends;

    BoundedText(EvaluationBounds bounds) {
        this.bounds = bounds;
    }

    BoundedText append(CharSequence part) {
        bounds.checkString((long) text.length() + part.length());
        text.append(part);
        tick();
        return this;
    }

    BoundedText append(CharSequence part, int start, int end) {
        bounds.checkString((long) text.length() + (end - start));
        text.append(part, start, end);
        tick();
        return this;
    }

    BoundedText append(char c) {
        bounds.checkString(text.length() + 1L);
        text.append(c);
        tick();
        return this;
    }

    BoundedText appendCodePoint(int codePoint) {
        bounds.checkString((long) text.length() + Character.charCount(codePoint));
        text.appendCodePoint(codePoint);
        tick();
        return this;
    }

    int length() {
        return text.length();
    }

    /** Removes the last character, as JSONata's stringifier does with a trailing comma. */
    void deleteLast(int fromEnd) {
        text.deleteCharAt(text.length() - fromEnd);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void tick() {
        if ((++appends & 0x3FF) == 0) {
            bounds.checkTime();
        }
    }
}
