package dev.sandboxagent.core.schema.json;

import dev.sandboxagent.core.schema.UniversalEvent;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

/** Writes a {@link UniversalEvent} in its wire form when it is part of a JSON-B mapped body. */
public final class UniversalEventJsonbSerializer implements JsonbSerializer<UniversalEvent> {
    @Override
    public void serialize(UniversalEvent event, JsonGenerator generator, SerializationContext ctx) {
        // raw is included whenever the event still carries it; callers strip it with withoutRaw().
        generator.write(SchemaJson.toJson(event, true));
    }
}
