package br.com.healthmed.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The versioning check of ADR 0017: what a v1 client may rely on must not disappear. Compares a committed OpenAPI
 * document with the current one and names every removed operation, schema field and enum value; a removal passes only
 * when {@code docs/openapi/breaking-changes.txt} declares it, as {@code <side>: <removal>} on a line of its own.
 */
public final class ContractCompatibility {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private ContractCompatibility() {
    }

    /** What {@code before} offered and {@code after} no longer does, e.g. {@code field DoctorView.price}. */
    public static Set<String> removals(JsonNode before, JsonNode after) {
        Set<String> kept = offers(after);
        Set<String> removed = new TreeSet<>(offers(before));
        removed.removeAll(kept);
        return removed;
    }

    /** The removals {@code declared} (the breaking-changes file) does not list for {@code side}. */
    public static List<String> undeclaredRemovals(String side, JsonNode before, JsonNode after, Path declared) {
        Set<String> allowed = new HashSet<>();
        try {
            if (Files.exists(declared)) {
                for (String line : Files.readAllLines(declared)) {
                    String entry = line.replaceFirst("#.*", "").strip();
                    if (entry.startsWith(side + ":")) {
                        allowed.add(entry.substring(side.length() + 1).strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> undeclared = new ArrayList<>();
        for (String removal : removals(before, after)) {
            if (!allowed.contains(removal)) {
                undeclared.add(side + ": " + removal);
            }
        }
        return undeclared;
    }

    private static Set<String> offers(JsonNode spec) {
        Set<String> offers = new HashSet<>();
        spec.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                offers.add("operation " + method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        spec.path("components").path("schemas").properties().forEach(schema -> {
            String name = schema.getKey();
            schema.getValue().path("enum").forEach(value -> offers.add("enum " + name + "=" + value.asText()));
            schema.getValue().path("properties").properties().forEach(property -> {
                offers.add("field " + name + "." + property.getKey());
                JsonNode values = property.getValue().path("enum");
                if (values.isEmpty()) {
                    values = property.getValue().path("items").path("enum");
                }
                values.forEach(value -> offers.add("enum " + name + "." + property.getKey() + "=" + value.asText()));
            });
        });
        return offers;
    }
}
