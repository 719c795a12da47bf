package dev.sandboxagent.core.schema.json;

import dev.sandboxagent.core.schema.UniversalEvent;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;

import java.lang.reflect.Type;

/** Reads a {@link UniversalEvent} from its wire form when it is part of a JSON-B mapped body. */
public final class UniversalEventJsonbDeserializer implements JsonbDeserializer<UniversalEvent> {
    @Override
    public UniversalEvent deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
        return SchemaJson.eventFromJson(parser.getObject());
    }
}
