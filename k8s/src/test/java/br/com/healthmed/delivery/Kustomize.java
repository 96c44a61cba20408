package br.com.healthmed.delivery;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Composes a kustomization the way {@code kustomize build} does, for the subset these manifests use: {@code resources}
 * (files and directories holding a kustomization), {@code namespace}, {@code patches} with a {@code path} to
 * strategic-merge patches matched by kind and name, and {@code images} ({@code newName}, {@code newTag}). Any other
 * field fails, so the manifests cannot drift outside what this helper models.
 *
 * <p>Strategic merge as kustomize applies it: maps merge recursively, {@code null} deletes; on built-in kinds the lists
 * {@code containers}, {@code initContainers}, {@code env} and {@code volumes} merge by {@code name}; every other list,
 * and every list of a custom resource (Gateway API), is replaced.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "patches",
            "images");
    private static final Set<String> LISTS_MERGED_BY_NAME = Set.of("containers", "initContainers", "env", "volumes");
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy",
            "networking.k8s.io");
    private static final Set<String> CLUSTER_SCOPED_KINDS = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "GatewayClass", "PersistentVolume", "StorageClass", "CustomResourceDefinition");

    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private Kustomize() {
    }

    /** The documents {@code kustomize build directory} would print, as plain maps in resource order. */
    static List<Map<String, Object>> build(Path directory) {
        Path file = RepositoryFiles.require(directory.resolve("kustomization.yaml"));
        List<Map<String, Object>> documents = readDocuments(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + " must hold exactly one document");
        }
        Map<String, Object> kustomization = documents.getFirst();
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new IllegalStateException(file + ": field '" + field + "' is outside the supported subset");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : list(kustomization.get("resources"))) {
            Path resource = directory.resolve((String) entry).normalize();
            resources.addAll(Files.isDirectory(resource) ? build(resource) : readDocuments(RepositoryFiles.require(resource)));
        }
        for (Object entry : list(kustomization.get("patches"))) {
            Map<String, Object> patchEntry = map(entry);
            if (!patchEntry.keySet().equals(Set.of("path"))) {
                throw new IllegalStateException(file + ": only patches with a path are supported, got " + patchEntry);
            }
            for (Map<String, Object> patch : readDocuments(RepositoryFiles.require(directory.resolve((String) patchEntry.get("path"))))) {
                applyPatch(resources, patch);
            }
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            resources.stream()
                    .filter(resource -> !CLUSTER_SCOPED_KINDS.contains(resource.get("kind")))
                    .forEach(resource -> metadata(resource).put("namespace", namespace));
        }
        for (Object entry : list(kustomization.get("images"))) {
            setImage(resources, map(entry));
        }
        return resources;
    }

    static List<Map<String, Object>> readDocuments(Path file) {
        try {
            return readDocuments(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> readDocuments(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Object> iterator = YAML.readerFor(Object.class).readValues(yaml)) {
            while (iterator.hasNext()) {
                Object document = iterator.next();
                if (document != null) {
                    documents.add(map(document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static void applyPatch(List<Map<String, Object>> resources, Map<String, Object> patch) {
        Object kind = patch.get("kind");
        Object name = metadata(patch).get("name");
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            if (kind.equals(resources.get(i).get("kind")) && name.equals(metadata(resources.get(i)).get("name"))) {
                targets.add(i);
            }
        }
        if (targets.size() != 1) {
            throw new IllegalStateException("patch " + kind + "/" + name + " matches " + targets.size() + " resources");
        }
        int target = targets.getFirst();
        String apiVersion = String.valueOf(patch.get("apiVersion"));
        boolean builtIn = BUILT_IN_GROUPS.contains(apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "");
        resources.set(target, map(merge(resources.get(target), patch, builtIn, null)));
    }

    private static Object merge(Object target, Object patch, boolean builtIn, String field) {
        if (target instanceof Map<?, ?> targetMap && patch instanceof Map<?, ?> patchMap) {
            Map<String, Object> merged = new LinkedHashMap<>();
            targetMap.forEach((key, value) -> merged.put((String) key, value));
            patchMap.forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put((String) key, merge(merged.get(key), value, builtIn, (String) key));
                }
            });
            return merged;
        }
        if (builtIn && LISTS_MERGED_BY_NAME.contains(field) && target instanceof List<?> targetList
                && patch instanceof List<?> patchList) {
            List<Object> merged = new ArrayList<>(targetList);
            for (Object element : patchList) {
                Object elementName = map(element).get("name");
                int index = indexOfName(merged, elementName);
                if (index < 0) {
                    merged.add(element);
                } else {
                    merged.set(index, merge(merged.get(index), element, builtIn, null));
                }
            }
            return merged;
        }
        return patch;
    }

    private static int indexOfName(List<Object> elements, Object name) {
        for (int i = 0; i < elements.size(); i++) {
            if (name != null && name.equals(map(elements.get(i)).get("name"))) {
                return i;
            }
        }
        return -1;
    }

    private static void setImage(List<Map<String, Object>> resources, Map<String, Object> image) {
        String name = (String) image.get("name");
        for (Map<String, Object> resource : resources) {
            Map<String, Object> podSpec = podSpec(resource);
            if (podSpec == null) {
                continue;
            }
            for (String containers : List.of("containers", "initContainers")) {
                for (Object element : list(podSpec.get(containers))) {
                    Map<String, Object> container = map(element);
                    String current = (String) container.get("image");
                    String currentName = current.replaceFirst(":[^:/]+$", "");
                    if (currentName.equals(name)) {
                        String newName = (String) image.getOrDefault("newName", currentName);
                        String newTag = (String) image.get("newTag");
                        String tag = current.length() > currentName.length() ? current.substring(currentName.length()) : "";
                        container.put("image", newName + (newTag != null ? ":" + newTag : tag));
                    }
                }
            }
        }
    }

    private static Map<String, Object> podSpec(Map<String, Object> resource) {
        if (!(resource.get("spec") instanceof Map<?, ?> spec) || !(spec.get("template") instanceof Map<?, ?> template)
                || !(template.get("spec") instanceof Map<?, ?> podSpec)) {
            return null;
        }
        return map(podSpec);
    }

    private static Map<String, Object> metadata(Map<String, Object> resource) {
        return map(resource.get("metadata"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalStateException("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException("expected a list, got " + value);
        }
        return list;
    }
}
