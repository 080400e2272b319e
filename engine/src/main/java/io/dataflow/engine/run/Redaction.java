package io.dataflow.engine.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the secret values a task used out of what is stored and shown of it: its input as recorded, its output and
 * its error (and so the webhooks, which are made of those). Every occurrence of each secret text (a string field of
 * a credential, at least {@link #MIN_LENGTH} characters, so that short values such as a port do not mangle
 * everything) is replaced by {@link #MARK}, in the forms {@link SecretForms} lists too: URL-encoded, JSON-escaped and
 * base64. The {@linkplain #PUBLIC_FIELDS fields that name an address or an account} stay readable, so that errors can
 * say which endpoint failed, but a password written inside one of them (in a URL's user info, or a query parameter
 * such as {@code password=}) is secret too. The task itself gets the real values; what it returns is redacted before
 * anything else (a successor, the store, a webhook) sees it.
 *
 * <p>Only these forms are recognized: a task that otherwise transforms a secret (reverses it, hashes it) returns
 * something redaction cannot tell from other text. The forms are worked out once, when the redaction is made.
 */
final class Redaction {

    static final String MARK = "[redacted]";
    static final int MIN_LENGTH = 4;
    /** Credential fields that name an address or an account rather than hold a secret. */
    static final Set<String> PUBLIC_FIELDS = Set.of("base_url", "url", "user", "username", "organization");
    /** A URL's user-info password, or the value of a query parameter whose name says it is secret. */
    private static final Pattern SECRET_IN_ADDRESS = Pattern.compile(
            "//[^/@?#:]*:([^/@?#]+)@|[?&;][^=&;#]*(?:pass|key|secret|token)[^=&;#]*=([^&;#]+)",
            Pattern.CASE_INSENSITIVE);
    static final Redaction NONE = new Redaction(List.of());

    /** One form of a secret and how to replace it. */
    private sealed interface Replacement {
        /** The length of the shortest text it replaces, to order replacements longest first. */
        int length();

        String apply(String text);
    }

    private record Literal(String form) implements Replacement {
        @Override
        public int length() {
            return form.length();
        }

        @Override
        public String apply(String text) {
            return text.replace(form, MARK);
        }
    }

    /** A secret percent-encoded in any of the ways URL encoders write it. */
    private record PercentEncoded(Pattern pattern, int length) implements Replacement {
        private static final String REPLACEMENT = Matcher.quoteReplacement(MARK);

        @Override
        public String apply(String text) {
            // Without '%' or '+' only the secret as is could match, which its literal form replaces.
            if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
                return text;
            }
            return pattern.matcher(text).replaceAll(REPLACEMENT);
        }
    }

    /** Longest first, so a secret that contains another is replaced whole. */
    private final List<Replacement> replacements;

    private Redaction(List<Replacement> replacements) {
        this.replacements = replacements;
    }

    /** A redaction of these credential values: every string field at any depth, but for the public ones. */
    static Redaction of(Collection<? extends JsonNode> values) {
        Set<String> found = new LinkedHashSet<>();
        for (JsonNode value : values) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                if (PUBLIC_FIELDS.contains(field.getKey()) && field.getValue().isString()) {
                    collectFromAddress(field.getValue().stringValue(), found);
                } else {
                    collect(field.getValue(), found);
                }
            }
        }
        if (found.isEmpty()) {
            return NONE;
        }
        List<Replacement> replacements = new ArrayList<>();
        for (String secret : found) {
            SecretForms.literals(secret, MIN_LENGTH).forEach(form -> replacements.add(new Literal(form)));
            Pattern encoded = SecretForms.percentEncoded(secret);
            if (encoded != null) {
                replacements.add(new PercentEncoded(encoded, secret.length()));
            }
        }
        replacements.sort(Comparator.comparingInt(Replacement::length).reversed());
        return new Redaction(List.copyOf(replacements));
    }

    private static void collect(JsonNode node, Set<String> found) {
        if (node.isString()) {
            add(node.stringValue(), found);
        }
        node.valueStream().forEach(child -> collect(child, found));
    }

    /** The passwords written inside an address or account field. */
    private static void collectFromAddress(String value, Set<String> found) {
        Matcher matcher = SECRET_IN_ADDRESS.matcher(value);
        while (matcher.find()) {
            add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2), found);
        }
    }

    private static void add(String secret, Set<String> found) {
        if (secret.length() >= MIN_LENGTH) {
            found.add(secret);
        }
    }

    /** The text with every secret replaced; null stays null. */
    String apply(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Replacement replacement : replacements) {
            result = replacement.apply(result);
        }
        return result;
    }

    /** A copy of the value with every secret replaced in its strings and keys; the value itself when none apply. */
    @SuppressWarnings("unchecked")
    <T extends JsonNode> T apply(T value) {
        if (value == null || replacements.isEmpty()) {
            return value;
        }
        return (T) redact(value);
    }

    private JsonNode redact(JsonNode node) {
        if (node.isString()) {
            return JsonNodeFactory.instance.stringNode(apply(node.stringValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                copy.set(apply(property.getKey()), redact(property.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode(node.size());
            node.valueStream().forEach(child -> copy.add(redact(child)));
            return copy;
        }
        return node;
    }
}
