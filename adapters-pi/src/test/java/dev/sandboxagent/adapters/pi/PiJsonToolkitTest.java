package dev.sandboxagent.adapters.pi;

import dev.sandboxagent.core.testing.JsonToolkitRule;
import org.junit.jupiter.api.Test;

/** Only core's JSON toolkit calls {@code Json.createX} (see {@link JsonToolkitRule}). */
class PiJsonToolkitTest {

    @Test
    void noJsonCreateOutsideTheToolkit() {
        JsonToolkitRule.NO_JSON_CREATE_OUTSIDE_THE_TOOLKIT.check(JsonToolkitRule.mainClasses("dev.sandboxagent.adapters.pi"));
    }
}
