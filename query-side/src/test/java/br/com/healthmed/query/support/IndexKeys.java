package br.com.healthmed.query.support;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A collection's indexes as {@code listIndexes} reports them: each name with its keys in order, as "field:direction". */
public final class IndexKeys {

    private IndexKeys() {
    }

    public static Map<String, List<String>> byName(MongoTemplate mongo, String collection) {
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        for (Document index : mongo.getCollection(collection).listIndexes()) {
            List<String> keys = new ArrayList<>();
            index.get("key", Document.class).forEach((field, direction) ->
                    keys.add(field + ":" + ((Number) direction).intValue()));
            indexes.put(index.getString("name"), keys);
        }
        return indexes;
    }
}
