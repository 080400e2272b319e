package io.dataflow.engine.expression;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import java.util.Map;

/**
 * The built-ins that format or parse by a picture string ({@code $formatNumber}, {@code $formatInteger},
 * {@code $parseInteger}, {@code $fromMillis}, {@code $now}, {@code $toMillis}), with their pictures and parsed text
 * kept to sizes where dashjoin's implementations stay quick: they take time and memory quadratic in the picture's
 * length (a picture of 40,000 characters allocates 800 MB), and {@code $toMillis} matches the date against a regular
 * expression built from the picture, which backtracks polynomially in the date's length with the number of
 * components as the exponent. Real pictures and dates are a few dozen characters.
 */
final class BoundedPictures {

    /** The longest picture: far longer than any real one. */
    static final int MAX_PICTURE = 256;
    /** The longest text {@code $toMillis} and {@code $parseInteger} parse. */
    static final int MAX_PARSED = 128;
    /** The most components ({@code [Y0001]}, {@code [M01]}...) of a picture {@code $toMillis} parses by. */
    static final int MAX_COMPONENTS = 12;

    private BoundedPictures() {
    }

    static String formatNumber(Number value, String picture, Map<?, ?> options) {
        return Functions.formatNumber(value, picture(picture, "$formatNumber"), options);
    }

    static String formatInteger(Number value, String picture) {
        return Functions.formatInteger(value, picture(picture, "$formatInteger"));
    }

    static Number parseInteger(String value, String picture) throws Exception {
        return Functions.parseInteger(parsed(value, "$parseInteger"), picture(picture, "$parseInteger"));
    }

    static String fromMillis(Number millis, String picture, String timezone) {
        return Functions.dateTimeFromMillis(millis, picture(picture, "$fromMillis"), timezone);
    }

    static String now(String picture, String timezone) {
        return Functions.now(picture(picture, "$now"), timezone);
    }

    static Long toMillis(String timestamp, String picture) throws Exception {
        String checked = picture(picture, "$toMillis");
        if (checked != null && components(checked) > MAX_COMPONENTS) {
            throw new JException("the picture given to $toMillis has more than " + MAX_COMPONENTS + " components",
                    -1);
        }
        return Functions.dateTimeToMillis(parsed(timestamp, "$toMillis"), checked);
    }

    private static String picture(String picture, String function) {
        if (picture != null && picture.length() > MAX_PICTURE) {
            throw new JException("the picture given to " + function + " is longer than " + MAX_PICTURE
                    + " characters", -1);
        }
        return picture;
    }

    private static String parsed(String text, String function) {
        if (text != null && text.length() > MAX_PARSED) {
            throw new JException("the text given to " + function + " is longer than " + MAX_PARSED + " characters",
                    -1);
        }
        return text;
    }

    /** The number of {@code [...]} components; {@code [[} is a literal bracket. */
    private static int components(String picture) {
        int count = 0;
        for (int i = 0; i < picture.length(); i++) {
            if (picture.charAt(i) == '[') {
                if (i + 1 < picture.length() && picture.charAt(i + 1) == '[') {
                    i++;
                } else {
                    count++;
                }
            }
        }
        return count;
    }
}
