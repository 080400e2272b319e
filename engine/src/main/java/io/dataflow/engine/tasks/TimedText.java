package io.dataflow.engine.tasks;

import io.dataflow.engine.spi.CarrierYield;
import java.time.Duration;

/**
 * A text as a regular expression engine reads it, with a deadline: Java's regex engine cannot be interrupted, and a
 * pattern that backtracks catastrophically reads the same characters for ever. Every few thousand characters read,
 * this checks the time, and lets the other virtual threads run ({@link CarrierYield}); past the deadline the next
 * read throws {@link TooSlow}.
 */
final class TimedText implements CharSequence {

    /** The search ran past its deadline. */
    static final class TooSlow extends RuntimeException {
        TooSlow() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private final long deadline;
    private final CarrierYield carrier = new CarrierYield();
    private int reads;

    TimedText(String text, Duration limit) {
        this.text = text;
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    @Override
    public char charAt(int index) {
        if ((++reads & 0xFFF) == 0) {
            long now = System.nanoTime();
            if (now - deadline > 0) {
                throw new TooSlow();
            }
            carrier.check(now);
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
