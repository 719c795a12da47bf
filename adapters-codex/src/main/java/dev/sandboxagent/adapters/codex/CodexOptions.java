package dev.sandboxagent.adapters.codex;

import java.time.Duration;
import java.util.Map;

/**
 * Time bounds of a codex session.
 *
 * @param unreachableLimit how long codex may keep retrying an unreachable model API
 *                         ("Reconnecting...") before the adapter reports it and ends the turn;
 *                         codex itself retries a refused connection forever
 * @param requestTimeout   how long a JSON-RPC request to the app-server may take
 * @param interruptGrace   how long codex has to confirm an interrupt before the adapter ends the
 *                         turn itself
 */
record CodexOptions(Duration unreachableLimit, Duration requestTimeout, Duration interruptGrace) {

    /** Environment variable (milliseconds) overriding {@link #unreachableLimit}. */
    static final String UNREACHABLE_ENV = "SANDBOX_AGENT_CODEX_UNREACHABLE_MS";

    static CodexOptions defaults() {
        return new CodexOptions(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    /** The defaults, with {@link #UNREACHABLE_ENV} from the daemon's environment when set. */
    static CodexOptions from(Map<String, String> environment) {
        CodexOptions d = defaults();
        String v = environment.get(UNREACHABLE_ENV);
        if (v != null && !v.isBlank()) {
            try {
                return new CodexOptions(Duration.ofMillis(Long.parseLong(v.strip())), d.requestTimeout(),
                        d.interruptGrace());
            } catch (NumberFormatException e) {
                System.getLogger(CodexOptions.class.getName()).log(System.Logger.Level.WARNING,
                        UNREACHABLE_ENV + " is not a number of milliseconds: " + v);
            }
        }
        return d;
    }
}
