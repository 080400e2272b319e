package io.dataflow.engine.spi;

/**
 * A text as a regular expression engine reads it, running a check every few thousand characters read. Java's regex
 * engine cannot be interrupted, and a pattern that backtracks catastrophically reads the same characters for ever: the
 * check is where such a search looks at its deadline (and throws to stop) and lets the other virtual threads run
 * ({@link CarrierYield}).
 */
public final class CheckedText implements CharSequence {

    private static final int READS_BETWEEN_CHECKS_MASK = 0xFFF;

    private final String text;
    private final Runnable check;
    private int reads;

    public CheckedText(String text, Runnable check) {
        this.text = text;
        this.check = check;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & READS_BETWEEN_CHECKS_MASK) == 0) {
            check.run();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
