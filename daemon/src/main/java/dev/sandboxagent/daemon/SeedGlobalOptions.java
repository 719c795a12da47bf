package dev.sandboxagent.daemon;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seed's CLI takes some options as global flags, before the sub-command that uses them:
 * {@code -t/--token} and {@code -n/--no-token} before {@code server} or {@code daemon start}
 * ({@code sandbox-agent -n server -p 2491}), and {@code -e/--endpoint}, {@code -t/--token}
 * between {@code api} and the leaf command ({@code api -e URL sessions list}). Our picocli tree
 * declares them on the commands that use them, so this moves each such option, written before
 * a sub-command, to just after the leaf command, where picocli reads it. A leaf that has no such
 * option ignores it, as the seed's global flag would be ignored there ({@code -n} before
 * {@code api}). Everything else is left as written (and {@code --} ends the walk).
 */
final class SeedGlobalOptions {

    private static final Set<String> WITH_VALUE = Set.of("-t", "--token", "-e", "--endpoint");
    private static final Set<String> FLAGS = Set.of("-n", "--no-token");

    private SeedGlobalOptions() {
    }

    static String[] hoist(CommandLine root, String[] args) {
        List<String> out = new ArrayList<>();
        List<List<String>> carried = new ArrayList<>(); // each: the option and its value, if any
        CommandLine current = root;
        int i = 0;
        while (i < args.length && !current.getSubcommands().isEmpty()) {
            String a = args[i];
            Map<String, CommandLine> subs = current.getSubcommands();
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (subs.containsKey(a)) {
                out.add(a);
                current = subs.get(a);
            } else if (FLAGS.contains(a)) {
                carried.add(List.of(a));
            } else if (WITH_VALUE.contains(name) && a.contains("=")) {
                carried.add(List.of(a));
            } else if (WITH_VALUE.contains(a) && i + 1 < args.length) {
                carried.add(List.of(a, args[++i]));
            } else {
                return args; // not a seed global before a sub-command: picocli reports what it is
            }
            i++;
        }
        if (carried.isEmpty()) {
            return args;
        }
        if (!current.getSubcommands().isEmpty()) {
            return args; // no leaf command named: picocli says which one is missing
        }
        CommandLine.Model.CommandSpec leaf = current.getCommandSpec();
        for (List<String> option : carried) {
            String name = option.getFirst().split("=", 2)[0];
            if (leaf.findOption(name) != null) {
                out.addAll(option);
            }
        }
        for (; i < args.length; i++) {
            out.add(args[i]);
        }
        return out.toArray(String[]::new);
    }
}
