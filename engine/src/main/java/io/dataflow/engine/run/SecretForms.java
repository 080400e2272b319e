package io.dataflow.engine.run;

import io.dataflow.engine.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The forms a secret text takes when a task passes it on encoded, so that {@link Redaction} finds those too: the
 * secret itself; escaped inside a JSON string as Jackson writes it; percent-encoded in a URL, fully or partly, with
 * {@code +} or {@code %20} for a space and upper- or lower-case hex; and in base64, standard or URL-safe, with or
 * without padding, alone or inside a longer base64 text (such as {@code Basic base64(user:password)}).
 *
 * <p>Base64 turns each 3 bytes into 4 characters, so the secret's characters depend on where it starts in the
 * encoded bytes. For each of the three alignments, the characters made only of the secret's bits are the same
 * whatever surrounds it; those are what is looked for. The character at each end that mixes a few bits of the
 * secret with its neighbour's (at most one per end) stays, which tells too little to matter.
 */
final class SecretForms {

    /** Characters every URL encoder leaves as they are (beside letters and digits). */
    private static final String URL_SAFE = "-._";

    private SecretForms() {
    }

    /** The literal forms of the secret, the secret first; a form shorter than {@code minLength} is left out. */
    static List<String> literals(String secret, int minLength) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        forms.add(jsonEscaped(secret));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            forms.add(encoder.encodeToString(bytes));
            forms.add(encoder.withoutPadding().encodeToString(bytes));
            for (int alignment = 0; alignment < 3; alignment++) {
                forms.add(base64Core(encoder, bytes, alignment));
            }
        }
        forms.removeIf(form -> form.length() < minLength);
        return new ArrayList<>(forms);
    }

    /** The secret as Jackson writes it inside a JSON string, without the quotes. */
    static String jsonEscaped(String secret) {
        String quoted = Json.MAPPER.writeValueAsString(secret);
        return quoted.substring(1, quoted.length() - 1);
    }

    /**
     * The base64 characters made only of the secret's bits when it starts {@code alignment} bytes into a group of
     * three: encode it behind that many bytes (and before two more), and keep the characters whose 6 bits all fall
     * inside the secret.
     */
    static String base64Core(Base64.Encoder encoder, byte[] secret, int alignment) {
        byte[] framed = new byte[alignment + secret.length + 2];
        System.arraycopy(secret, 0, framed, alignment, secret.length);
        String encoded = encoder.withoutPadding().encodeToString(framed);
        int firstBit = 8 * alignment;
        int endBit = firstBit + 8 * secret.length;
        return encoded.substring((firstBit + 5) / 6, endBit / 6);
    }

    /**
     * A pattern that matches the secret percent-encoded in any way a URL encoder writes it: each character that
     * encoders may change either as is or as the {@code %XX} of its UTF-8 bytes in either case, and a space also as
     * {@code +}. Null when no encoder changes the secret, so the literal suffices.
     */
    static Pattern percentEncoded(String secret) {
        if (secret.chars().allMatch(SecretForms::urlSafe)) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        secret.codePoints().forEach(codePoint -> {
            String character = Character.toString(codePoint);
            if (urlSafe(codePoint)) {
                regex.append(Pattern.quote(character));
                return;
            }
            regex.append("(?:").append(Pattern.quote(character));
            if (codePoint == ' ') {
                regex.append("|\\+");
            }
            regex.append('|');
            for (byte b : character.getBytes(StandardCharsets.UTF_8)) {
                regex.append('%').append(hexDigit((b >> 4) & 0xF)).append(hexDigit(b & 0xF));
            }
            regex.append(')');
        });
        return Pattern.compile(regex.toString());
    }

    private static boolean urlSafe(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || URL_SAFE.indexOf(c) >= 0);
    }

    /** A hex digit in either case: {@code [aA]} for 10. */
    private static String hexDigit(int value) {
        char upper = Character.toUpperCase(Character.forDigit(value, 16));
        return value < 10 ? String.valueOf(upper) : "[" + upper + Character.toLowerCase(upper) + "]";
    }
}
