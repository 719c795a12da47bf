package dev.sandboxagent.daemon;

import dev.sandboxagent.core.engine.Retention;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where sessions' event logs are kept and for how long: {@code --ephemeral} (memory only, as the
 * daemon did before the file store), {@code --max-session-age} and {@code --max-disk} (retention
 * of ended sessions, see {@link Retention}).
 */
public final class StorageOption {

    static final String EPHEMERAL = "--ephemeral";
    static final String MAX_SESSION_AGE = "--max-session-age";
    static final String MAX_DISK = "--max-disk";
    private static final Pattern AGE = Pattern.compile("([0-9]{1,9})([smhd]?)");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,15})([kmgt]?)(?:i?b)?");

    @Option(names = EPHEMERAL, description = "Keep event logs in memory only: nothing is written under the data "
            + "directory's sessions/ and nothing survives a restart (default: logs on disk, restored on restart).")
    boolean ephemeral;

    @Option(names = MAX_SESSION_AGE, paramLabel = "AGE", converter = AgeConverter.class,
            description = "Delete ended sessions (and their logs) whose last event is older than AGE: a number with "
                    + "s, m, h or d (e.g. 7d, 12h; a bare number is seconds). Running sessions are never deleted. "
                    + "Default: keep them until deleted.")
    Duration maxSessionAge;

    @Option(names = MAX_DISK, paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Keep the sessions' logs under SIZE in total (e.g. 500M, 10G; K/M/G/T are powers of 1024, "
                    + "a bare number is bytes) by deleting the ended sessions with the oldest last event first. "
                    + "Running sessions are never deleted. Default: no limit.")
    Long maxDisk;

    /** The options as a server command line takes them (nothing for the defaults). */
    public List<String> arguments() {
        List<String> out = new ArrayList<>();
        if (ephemeral) {
            out.add(EPHEMERAL);
        }
        if (maxSessionAge != null) {
            out.addAll(List.of(MAX_SESSION_AGE, maxSessionAge.toSeconds() + "s"));
        }
        if (maxDisk != null) {
            out.addAll(List.of(MAX_DISK, Long.toString(maxDisk)));
        }
        return out;
    }

    Retention retention() {
        return new Retention(maxSessionAge, maxDisk == null ? 0 : maxDisk);
    }

    /** {@code 90}, {@code 90s}, {@code 15m}, {@code 12h}, {@code 7d}: a positive duration, or null when not one. */
    static Duration age(String text) {
        Matcher m = AGE.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** {@code 1048576}, {@code 500M}, {@code 10G}, {@code 2GiB}: a positive number of bytes, or null when not one. */
    static Long size(String text) {
        Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            return null;
        }
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private static <T> T parsed(T value, String text, String what) {
        if (value == null) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not " + what);
        }
        return value;
    }

    static final class AgeConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parsed(age(value), value, "an age such as 7d, 12h, 30m or 90s");
        }
    }

    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parsed(size(value), value, "a size such as 500M, 10G or 1048576");
        }
    }
}
