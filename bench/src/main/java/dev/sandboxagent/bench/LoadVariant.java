package dev.sandboxagent.bench;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Another daemon to put through the load rounds beside the default one ({@code --load-variant},
 * {@code --load-launcher}): extra server options (e.g. {@code --ephemeral}) and/or another
 * launcher (e.g. an earlier build), so that an A/B comparison runs interleaved in one bench run.
 */
record LoadVariant(String label, Path launcher, List<String> args) {

    LoadVariant withArgs(String text) {
        return new LoadVariant(label, launcher, text.isBlank() ? List.of() : List.of(text.trim().split("\\s+")));
    }

    LoadVariant withLauncher(Path path) {
        return new LoadVariant(label, path, args);
    }

    Path launcher(Path defaultLauncher) {
        return launcher != null ? launcher : defaultLauncher;
    }

    String describe() {
        return (launcher != null ? launcher + " " : "") + "server ..." + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }

    /** Each variant's medians as a ratio to the default daemon's, measured in the same rounds (nothing without variants). */
    static void printRatios(Collection<LoadVariant> all, Map<String, Map<String, Metric>> measured,
                            Map<String, Metric> defaults) {
        if (!all.isEmpty()) {
            System.out.println();
            System.out.println("Load variants (median ratio; same rounds, interleaved):");
        }
        for (LoadVariant v : all) {
            for (Map.Entry<String, Metric> e : measured.getOrDefault(v.label(), Map.of()).entrySet()) {
                Metric base = defaults.get(e.getKey());
                if (base != null && !base.samples.isEmpty() && !e.getValue().samples.isEmpty()) {
                    System.out.printf(Locale.ROOT, "  %s / default: %.2f× — %s%n", v.label(),
                            Stats.summary(e.getValue().samples).median() / Stats.summary(base.samples).median(),
                            e.getValue().label);
                }
            }
        }
    }
}
