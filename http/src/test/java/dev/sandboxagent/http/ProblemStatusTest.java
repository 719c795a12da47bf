package dev.sandboxagent.http;

import dev.sandboxagent.core.error.ErrorKind;
import dev.sandboxagent.core.error.ErrorType;
import dev.sandboxagent.core.error.SandboxException;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Core names error types and kinds; the status each gets on the wire is decided here, once. */
class ProblemStatusTest {

    @Test
    void everyErrorTypeHasTheContractsStatus() {
        Map<ErrorType, Integer> contract = new EnumMap<>(ErrorType.class);
        contract.put(ErrorType.INVALID_REQUEST, 400);
        contract.put(ErrorType.UNSUPPORTED_AGENT, 400);
        contract.put(ErrorType.AGENT_NOT_INSTALLED, 404);
        contract.put(ErrorType.INSTALL_FAILED, 500);
        contract.put(ErrorType.AGENT_PROCESS_EXITED, 500);
        contract.put(ErrorType.TOKEN_INVALID, 401);
        contract.put(ErrorType.PERMISSION_DENIED, 403);
        contract.put(ErrorType.SESSION_NOT_FOUND, 404);
        contract.put(ErrorType.SESSION_ALREADY_EXISTS, 409);
        contract.put(ErrorType.MODE_NOT_SUPPORTED, 400);
        contract.put(ErrorType.STREAM_ERROR, 502);
        contract.put(ErrorType.TIMEOUT, 504);
        assertThat(contract.keySet()).containsExactlyInAnyOrder(ErrorType.values());
        contract.forEach((type, status) -> {
            assertThat(Problems.status(type)).as(type.wire()).isEqualTo(status);
            assertThat(Problems.status(new SandboxException(type, "x"))).as(type.wire()).isEqualTo(status);
        });
    }

    @Test
    void aKindOverridesTheTypesStatus() {
        assertThat(Problems.status(SandboxException.notFound("gone", null))).isEqualTo(404);
        assertThat(Problems.status(SandboxException.conflict("twice", null))).isEqualTo(409);
        assertThat(Problems.status(SandboxException.tooLarge("big"))).isEqualTo(413);
        assertThat(Problems.status(new SandboxException(ErrorType.STREAM_ERROR, ErrorKind.INTERNAL, "disk", null)))
                .isEqualTo(500);
        assertThat(Problems.status(new SandboxException(ErrorType.STREAM_ERROR, ErrorKind.UNAVAILABLE, "disk", null)))
                .isEqualTo(503);
        assertThat(SandboxException.conflict("twice", null).type()).isEqualTo(ErrorType.INVALID_REQUEST);
    }
}
