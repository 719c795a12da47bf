package dev.sandboxagent.core.schema;

import java.util.Arrays;
import java.util.Optional;

/** An enum whose JSON spelling (its "wire" name) differs from its Java constant name. */
public interface WireEnum {

    /** The exact spelling the contract uses on the wire. */
    String wire();

    /** Finds the constant spelled {@code wire}, if any. */
    static <E extends Enum<E> & WireEnum> Optional<E> fromWire(Class<E> type, String wire) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(wire)).findFirst();
    }

    /** Like {@link #fromWire} but fails with a message naming the allowed spellings. */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String wire) {
        return fromWire(type, wire).orElseThrow(() -> new IllegalArgumentException(
                "unknown " + type.getSimpleName() + " '" + wire + "'; expected one of "
                        + Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).toList()));
    }
}
