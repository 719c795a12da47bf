package dev.sandboxagent.adapters.amp;

import dev.sandboxagent.core.spi.AgentSessionSpec;
import dev.sandboxagent.core.spi.UserMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of one Amp turn. */
final class AmpCommandLine {

    private AmpCommandLine() {
    }

    /**
     * {@code amp [threads continue THREAD] --execute=PROMPT --stream-json --stream-json-thinking
     * --settings-file FILE --mode MODE [--model M] [--title T] [--dangerously-allow-all]}. The
     * prompt goes in {@code --execute=} form so that a message starting with "-" is not taken
     * for an option; a new thread is started when {@code threadId} is null.
     */
    static List<String> turn(AgentSessionSpec spec, String threadId, Path settingsFile, UserMessage message) {
        List<String> argv = new ArrayList<>();
        argv.add(spec.binary() != null ? spec.binary().toString() : AmpAdapter.BIN);
        if (threadId != null) {
            argv.addAll(List.of("threads", "continue", threadId));
        }
        argv.add("--execute=" + prompt(message));
        argv.add("--stream-json");
        argv.add("--stream-json-thinking");
        argv.addAll(List.of("--settings-file", settingsFile.toString()));
        if (spec.agentMode() != null) {
            argv.addAll(List.of("--mode", spec.agentMode()));
        }
        if (spec.model() != null && !spec.model().isBlank()) {
            argv.addAll(List.of("--model", spec.model())); // Amp refuses it unless the account has the feature
        }
        if (threadId == null && spec.title() != null && !spec.title().isBlank()) {
            argv.addAll(List.of("--title", spec.title()));
        }
        if ("bypass".equals(spec.permissionMode())) {
            argv.add("--dangerously-allow-all");
        }
        return argv;
    }

    /** The message text; attached files are named at the end, since local execute mode cannot attach them. */
    static String prompt(UserMessage message) {
        return message.textNamingAttachments();
    }
}
