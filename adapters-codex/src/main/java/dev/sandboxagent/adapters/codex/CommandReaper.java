package dev.sandboxagent.adapters.codex;

import dev.sandboxagent.core.json.Jsons;
import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Ends the commands an interrupted turn left running. Codex's {@code turn/interrupt} ends the
 * turn but not the command's processes (observed with 0.169.0: {@code sleep 30} survives), and
 * its {@code processId} is not an OS pid. So the processes are found among the app-server's
 * descendants by their argument list, which is the item's {@code command} split like a shell
 * would, and killed with their own descendants (the sandbox wrappers then exit by themselves).
 */
final class CommandReaper {

    private CommandReaper() {
    }

    /** Kills the processes of {@code commands} under {@code root}; returns how many were killed. */
    static int kill(ProcessHandle root, List<JsonObject> commands) {
        List<List<String>> wanted = new ArrayList<>();
        for (JsonObject c : commands) {
            String command = Jsons.string(c, "command");
            List<String> argv = command == null ? List.of() : ShellWords.split(command);
            if (argv.size() >= 2) {
                wanted.add(argv);
            }
        }
        if (wanted.isEmpty()) {
            return 0;
        }
        List<ProcessHandle> targets = new ArrayList<>();
        root.descendants().forEach(p -> {
            Optional<String[]> args = p.info().arguments();
            if (args.isPresent() && wanted.stream().anyMatch(w -> matches(w, args.get()))) {
                targets.add(p);
            }
        });
        List<ProcessHandle> doomed = new ArrayList<>();
        for (ProcessHandle t : targets) {
            doomed.add(t);
            t.descendants().forEach(doomed::add);
        }
        doomed.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : doomed) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone or not killable; nothing more to do
            }
        }
        return targets.size();
    }

    /** The process's arguments (without argv[0], which may be resolved differently) are the command's. */
    static boolean matches(List<String> argv, String[] args) {
        return Arrays.asList(args).equals(argv.subList(1, argv.size()));
    }
}
