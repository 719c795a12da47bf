package dev.sandboxagent.core.install;

import dev.sandboxagent.core.install.InstallException.Reason;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads npm's stderr after a failed install: the error code it reports ({@code npm error code
 * E404}, or {@code npm ERR! code ...} before npm 9) and the line that best explains it.
 *
 * @param reason what kind of failure the code indicates
 * @param code   npm's error code, or {@code null} if it printed none
 * @param detail npm's own explanation, one line (may be empty)
 */
record NpmFailure(Reason reason, String code, String detail) {

    private static final Pattern PREFIX = Pattern.compile("^npm (?:error|ERR!)\\s?");
    private static final Pattern CODE = Pattern.compile("^npm (?:error|ERR!) code (\\S+)");
    private static final Pattern ANY_CODE = Pattern.compile(
            "\\b(E404|ETARGET|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT|ECONNRESET|ENETUNREACH|EHOSTUNREACH)\\b");
    private static final Set<String> NETWORK_CODES = Set.of(
            "ENOTFOUND", "ECONNREFUSED", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "ENETUNREACH", "EHOSTUNREACH");
    /** Structural lines around npm's explanation: code/errno headers, stack frames, log hints. */
    private static final Pattern NOISE = Pattern.compile(
            "^(code|syscall|errno|path|dest)\\b.*|^at .*|^[{}].*|^\\w+: '.*',?$|^A complete log.*|^Log files.*"
                    + "|^[a-z0-9]+$|.*npm help.*");

    static NpmFailure classify(List<String> stderr, boolean localPackage) {
        String code = findCode(stderr);
        Reason reason = switch (code == null ? "" : code) {
            case "E404" -> Reason.PACKAGE_NOT_FOUND;
            case "ETARGET" -> Reason.VERSION_NOT_FOUND;
            case "ENOENT" -> localPackage ? Reason.PACKAGE_NOT_FOUND : Reason.NPM_FAILED;
            default -> code != null && NETWORK_CODES.contains(code) ? Reason.REGISTRY_UNREACHABLE : Reason.NPM_FAILED;
        };
        return new NpmFailure(reason, code, explanation(stderr));
    }

    private static String findCode(List<String> stderr) {
        for (String line : stderr) {
            Matcher m = CODE.matcher(line.strip());
            if (m.find()) {
                return m.group(1);
            }
        }
        for (String line : stderr) {
            Matcher m = ANY_CODE.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    /**
     * npm prints its explanation first and generic hints ("This is related to...", "If you are
     * behind a proxy...") after it, so the first descriptive {@code npm error} line is the
     * meaningful one; without such lines (npm itself crashed), the last non-blank line.
     */
    private static String explanation(List<String> stderr) {
        String lastNonBlank = "";
        for (String raw : stderr) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            lastNonBlank = line;
            Matcher prefix = PREFIX.matcher(line);
            if (prefix.find()) {
                String text = line.substring(prefix.end()).strip();
                if (!text.isEmpty() && !NOISE.matcher(text).matches()) {
                    return text;
                }
            }
        }
        return PREFIX.matcher(lastNonBlank).replaceFirst("");
    }
}
