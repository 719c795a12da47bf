package dev.sandboxagent.core.schema.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * JSON-B set up for this API: the universal event's serializers registered globally (a type
 * annotation alone is not honoured for elements of collections), nulls omitted.
 */
public final class SchemaJsonb {

    private SchemaJsonb() {
    }

    public static JsonbConfig config() {
        return new JsonbConfig()
                .withNullValues(false)
                .withSerializers(new UniversalEventJsonbSerializer())
                .withDeserializers(new UniversalEventJsonbDeserializer());
    }

    /** A new JSON-B instance with {@link #config()}; thread-safe, create once and share. */
    public static Jsonb create() {
        return JsonbBuilder.create(config());
    }
}
