package br.com.healthmed.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hostile values the attack suites put into bodies, query parameters, path variables and headers. */
public final class HostileInput {

    /** Numbers whose exact value costs gigabytes or hours to compute, or that overflow every numeric type we use. */
    public static final List<String> HUGE_NUMBERS = List.of("1E+400000000", "-1E+400000000", "1e-400000000",
            "9".repeat(2000), "9223372036854775808");

    /** Control characters by name: NUL, line breaks (log forging), escape (terminal injection), DEL and a C1 control. */
    public static final Map<String, String> CONTROL_CHARACTERS = controlCharacters();

    /**
     * MongoDB operators and JavaScript a naive query builder would pass on, and regular expressions that would match
     * everything or backtrack for ever if a parameter reached a regex unescaped.
     */
    public static final List<String> OPERATOR_VALUES = List.of("{\"$gt\":\"\"}", "{\"$ne\":null}", "{\"$where\":\"sleep(5000)\"}",
            "$where", "$gt", "';return true;var x='", "this.password.length>0", ".*", "(a+)+$", "[", "\\");

    /** The same operators as parameter names, as PHP-style and qs-style parsers read them ({@code name[$ne]=x}). */
    public static final List<String> OPERATOR_SUFFIXES = List.of("[$ne]", "[$gt]", "[$regex]", ".$where");

    private HostileInput() {
    }

    /** {@code {"a":{"a":…}}} nested {@code depth} levels. */
    public static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** {@code [[[…]]]} nested {@code depth} levels. */
    public static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** A syntactically valid JSON object of about {@code bytes} bytes. */
    public static String oversized(int bytes) {
        return "{\"padding\":\"" + "a".repeat(bytes) + "\"}";
    }

    /** A query-string value, percent-encoded as a browser would send it. */
    public static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> controlCharacters() {
        Map<String, String> characters = new LinkedHashMap<>();
        characters.put("NUL", "\u0000");
        characters.put("LF", "\n");
        characters.put("CR LF", "\r\n");
        characters.put("ESC", "\u001b[31m");
        characters.put("DEL", "\u007f");
        characters.put("NEL", "\u0085");
        return Map.copyOf(characters);
    }
}
