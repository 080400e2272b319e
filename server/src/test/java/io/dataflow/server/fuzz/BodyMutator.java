package io.dataflow.server.fuzz;

import io.dataflow.engine.model.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Turns a valid example body into a hostile one, so that requests get past the JSON parser and reach the deep
 * checks: wrong types, huge numbers, text the database cannot store, duplicate members, deep nesting, long strings,
 * unknown members; then, now and then, bytes that are not UTF-8 or not JSON at all.
 *
 * <p>What a tree cannot hold (a lone surrogate escape, {@code 1e400}, a member named twice) is put in as a
 * placeholder string and swapped for its raw text once the tree is written out.
 */
final class BodyMutator {

    /** Raw JSON numbers a tree cannot hold as such (beyond long, beyond double). */
    private static final List<String> RAW_NUMBERS = List.of("123456789012345678901234567890",
            "-123456789012345678901234567890", "1e400", "-1e400", "1e-400", "9223372036854775808", "-0", "0.0",
            "2147483648", "1" + "0".repeat(400));
    private static final List<String> INSERTIONS = List.of("\u0000", "\u0001", "\u001f", "\u007f", "\u2028",
            "\uFEFF", "\uFFFF", "\uFFFD", "é", "😀", "\u0301", "\\", "\"", "/", "%00", "%FF", "{{", "}}",
            "{{ inputs.nope }}", "{{ $string( }}", "{{ tasks.x.outputs.y }}", "../", "\r\n");
    private static final List<String> LONE_SURROGATES = List.of("\\ud800", "\\udfff", "\\ud83d");
    private static final String PLACEHOLDER = "\u0002fuzz";
    private static final Pattern URL_AUTHORITY = Pattern.compile("https?://[^/?#]*");

    private final Random random;
    private final Map<String, String> raw = new LinkedHashMap<>();

    BodyMutator(Random random) {
        this.random = random;
    }

    /** A mutated copy of {@code example}, written as bytes; the example itself is left alone. */
    byte[] mutate(JsonNode example) {
        raw.clear();
        JsonNode body = example.deepCopy();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            body = mutateTree(body);
        }
        String text = Json.write(body);
        for (Map.Entry<String, String> substitution : raw.entrySet()) {
            text = text.replace(substitution.getKey(), substitution.getValue());
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return random.nextInt(100) < 15 ? mutateBytes(bytes) : bytes;
    }

    /** The example unchanged, as bytes: a request that should succeed, so that later ones meet its effects. */
    static byte[] asIs(JsonNode example) {
        return Json.write(example).getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode mutateTree(JsonNode body) {
        List<Slot> slots = new ArrayList<>();
        collect(body, null, null, -1, slots);
        Slot slot = slots.get(random.nextInt(slots.size()));
        JsonNode node = slot.node();
        int kind = random.nextInt(10);
        if (kind <= 2 || slot.parent() == null && !node.isContainer()) {
            return slot.replace(body, randomValue(node));
        }
        if (kind == 3 && node.isString()) {
            return slot.replace(body, StringNode.valueOf(mutateString(node.stringValue())));
        }
        if (kind == 4 && slot.parent() instanceof ObjectNode parent) {
            parent.remove(slot.name());
            return body;
        }
        if (kind == 5 && node instanceof ObjectNode object) {
            object.set(randomName(), randomValue(node));
            return body;
        }
        if (kind == 6 && node instanceof ObjectNode object && !object.isEmpty()) {
            // A second member of the same name, written so once the tree is text.
            List<String> names = new ArrayList<>(object.propertyNames());
            String name = names.get(random.nextInt(names.size()));
            object.set(token(escaped(name)), random.nextBoolean() ? object.get(name).deepCopy() : randomValue(node));
            return body;
        }
        if (kind == 7 && slot.parent() instanceof ObjectNode parent) {
            parent.remove(slot.name());
            parent.set(mutateString(slot.name()), node);
            return body;
        }
        if (kind == 8 && node.isNumber()) {
            return slot.replace(body, StringNode.valueOf(node.asString()));
        }
        // Anywhere else, a string in place of the node: whatever the field wanted, it was not this.
        return slot.replace(body, StringNode.valueOf(mutateString(node.isString() ? node.stringValue() : "x")));
    }

    private JsonNode randomValue(JsonNode like) {
        return switch (random.nextInt(14)) {
            case 0 -> Json.MAPPER.nullNode();
            case 1 -> Json.MAPPER.getNodeFactory().booleanNode(random.nextBoolean());
            case 2 -> Json.MAPPER.getNodeFactory().numberNode(random.nextInt(2001) - 1000);
            case 3 -> rawValue(RAW_NUMBERS.get(random.nextInt(RAW_NUMBERS.size())));
            case 4 -> Json.MAPPER.getNodeFactory().numberNode(random.nextDouble() * 1e6);
            case 5 -> StringNode.valueOf("");
            case 6 -> StringNode.valueOf(mutateString("fuzz"));
            case 7 -> StringNode.valueOf("x".repeat(1 + random.nextInt(70_000)));
            case 8 -> Json.object();
            case 9 -> Json.MAPPER.createArrayNode();
            // Half of them around the 200 levels a body may nest, where an answer could still fail to be written.
            case 10 -> rawValue(deepNesting(random.nextBoolean() ? 150 + random.nextInt(100)
                    : 1 + random.nextInt(700)));
            case 11 -> manyCopies(like);
            case 12 -> Json.MAPPER.getNodeFactory().numberNode(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
            default -> StringNode.valueOf("x" + loneSurrogate());
        };
    }

    /** A lone surrogate's escape, which a Java string cannot carry into JSON text by itself. */
    private String loneSurrogate() {
        return token(LONE_SURROGATES.get(random.nextInt(LONE_SURROGATES.size())));
    }

    /** A text edit: a character the database or the parser may choke on, a lone surrogate, or sheer length. */
    private String mutateString(String text) {
        String inserted = switch (random.nextInt(6)) {
            case 0 -> loneSurrogate();
            case 1 -> "y".repeat(2000 + random.nextInt(70_000));
            default -> INSERTIONS.get(random.nextInt(INSERTIONS.size()));
        };
        // The scheme, host and port of a URL stay as they are, so the server never calls anything but the test's
        // own receiver: edits go after the first character that ends the authority.
        Matcher url = URL_AUTHORITY.matcher(text);
        if (url.lookingAt()) {
            if (url.end() == text.length()) {
                return text + "/" + inserted;
            }
            int at = url.end() + 1 + random.nextInt(text.length() - url.end());
            return text.substring(0, at) + inserted + text.substring(at);
        }
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + inserted + text.substring(at);
    }

    private String randomName() {
        return switch (random.nextInt(4)) {
            case 0 -> "unknown_" + random.nextInt(1000);
            case 1 -> "";
            case 2 -> "a\u0000b";
            default -> "x" + loneSurrogate();
        };
    }

    /** An array of copies: past a count limit (500 steps or tasks) or, for a large node, past the body limit. */
    private JsonNode manyCopies(JsonNode like) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        int count = Json.write(like).length() > 4000 ? random.nextInt(3)
                : random.nextBoolean() ? 501 + random.nextInt(100) : random.nextInt(50);
        for (int i = 0; i < count; i++) {
            array.add(like.deepCopy());
        }
        return array;
    }

    private static String deepNesting(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    /** A string node written out as {@code json} instead, quotes included. */
    private JsonNode rawValue(String json) {
        String key = PLACEHOLDER + raw.size() + "\u0002";
        raw.put("\"" + escaped(key) + "\"", json);
        return StringNode.valueOf(key);
    }

    /** A token to put inside a string or a member name, written out as {@code content} instead. */
    private String token(String content) {
        String key = PLACEHOLDER + raw.size() + "\u0002";
        raw.put(escaped(key), content);
        return key;
    }

    /** The text as it appears between the quotes of a JSON string. */
    private static String escaped(String text) {
        String json = Json.write(StringNode.valueOf(text));
        return json.substring(1, json.length() - 1);
    }

    /** Byte-level damage: sequences that are not UTF-8, truncation, trailing content, or no JSON at all. */
    private byte[] mutateBytes(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                byte[][] invalid = {{(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0,
                    (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    {(byte) 0x80}};
                int at = random.nextInt(bytes.length + 1);
                out.write(bytes, 0, at);
                out.writeBytes(invalid[random.nextInt(invalid.length)]);
                out.write(bytes, at, bytes.length - at);
            }
            case 2 -> out.write(bytes, 0, random.nextInt(bytes.length + 1));
            case 3 -> {
                out.writeBytes(bytes);
                out.writeBytes(List.of(" x", "}", "{}", "\u0000", " // c").get(random.nextInt(5))
                        .getBytes(StandardCharsets.UTF_8));
            }
            case 4 -> out.writeBytes(List.of("", " ", "null", "[]", "\"x\"", "{", "<a/>", "\uFEFF{}",
                    "{'a': 1}", "NaN").get(random.nextInt(10)).getBytes(StandardCharsets.UTF_8));
            default -> {
                out.writeBytes(bytes);
                byte[] copy = out.toByteArray();
                for (int i = 0; i < 1 + random.nextInt(4) && copy.length > 0; i++) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                return copy;
            }
        }
        return out.toByteArray();
    }

    /** A place in the tree: a node and where it hangs, so that it can be replaced. */
    private record Slot(JsonNode node, JsonNode parent, String name, int index) {
        JsonNode replace(JsonNode root, JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(name, value);
                return root;
            }
            if (parent instanceof ArrayNode array) {
                array.set(index, value);
                return root;
            }
            return value;
        }
    }

    private static void collect(JsonNode node, JsonNode parent, String name, int index, List<Slot> slots) {
        slots.add(new Slot(node, parent, name, index));
        if (node instanceof ObjectNode object) {
            for (String member : new ArrayList<>(object.propertyNames())) {
                collect(object.get(member), object, member, -1, slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collect(array.get(i), array, null, i, slots);
            }
        }
    }
}
