package dev.sandboxagent.core.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sandboxagent.core.install.InstallException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output formats that the real-npm tests cannot produce offline or with this npm version. */
class NpmFailureTest {

    @Test
    void readsTheLegacyErrFormat() {
        NpmFailure failure = NpmFailure.classify(List.of(
                "npm ERR! code EAI_AGAIN",
                "npm ERR! errno EAI_AGAIN",
                "npm ERR! request to https://registry.npmjs.org/x failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org",
                "",
                "npm ERR! A complete log of this run can be found in:",
                "npm ERR!     /root/.npm/_logs/debug.log"), false);
        assertThat(failure).isEqualTo(new NpmFailure(Reason.REGISTRY_UNREACHABLE, "EAI_AGAIN",
                "request to https://registry.npmjs.org/x failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org"));
    }

    @Test
    void recognisesDnsFailuresAndSkipsGenericHints() {
        NpmFailure failure = NpmFailure.classify(List.of(
                "npm error code ENOTFOUND",
                "npm error syscall getaddrinfo",
                "npm error errno ENOTFOUND",
                "npm error network request to http://nowhere.invalid/x failed, reason: getaddrinfo ENOTFOUND nowhere.invalid",
                "npm error network This is a problem related to network connectivity.",
                "npm error A complete log of this run can be found in: /tmp/x.log"), false);
        assertThat(failure.reason()).isEqualTo(Reason.REGISTRY_UNREACHABLE);
        assertThat(failure.detail()).startsWith("network request to http://nowhere.invalid/x failed");
    }

    @Test
    void findsACodeOutsideTheHeaderAndFallsBackToTheLastLine() {
        NpmFailure failure = NpmFailure.classify(List.of(
                "Error: connect ECONNREFUSED 127.0.0.1:4873",
                "    at TCPConnectWrap.afterConnect",
                "node crashed here"), false);
        assertThat(failure).isEqualTo(new NpmFailure(Reason.REGISTRY_UNREACHABLE, "ECONNREFUSED", "node crashed here"));
    }

    @Test
    void enoentMeansPackageNotFoundOnlyForLocalPackages() {
        List<String> stderr = List.of("npm error code ENOENT", "npm error enoent Could not read package.json");
        assertThat(NpmFailure.classify(stderr, true).reason()).isEqualTo(Reason.PACKAGE_NOT_FOUND);
        assertThat(NpmFailure.classify(stderr, false).reason()).isEqualTo(Reason.NPM_FAILED);
        assertThat(NpmFailure.classify(List.of(), false)).isEqualTo(new NpmFailure(Reason.NPM_FAILED, null, ""));
    }
}
