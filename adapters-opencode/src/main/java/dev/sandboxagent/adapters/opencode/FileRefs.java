package dev.sandboxagent.adapters.opencode;

import dev.sandboxagent.core.json.Jsons;
import dev.sandboxagent.core.schema.ContentPart;
import dev.sandboxagent.core.schema.FileAction;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/** The files an OpenCode tool read, wrote or patched, as file_ref content of its result. */
final class FileRefs {

    private FileRefs() {
    }

    static List<ContentPart> of(String tool, JsonObject input, JsonObject metadata) {
        String path = Jsons.string(input, "filePath");
        String diff = Jsons.string(metadata, "diff");
        List<ContentPart> refs = new ArrayList<>();
        switch (tool) {
            case "write" -> {
                if (path != null) {
                    refs.add(new ContentPart.FileRef(path, FileAction.WRITE, diff));
                }
            }
            case "edit", "multiedit" -> {
                if (path != null) {
                    refs.add(new ContentPart.FileRef(path, FileAction.PATCH, diff));
                }
            }
            case "read" -> {
                if (path != null) {
                    refs.add(new ContentPart.FileRef(path, FileAction.READ, null));
                }
            }
            case "apply_patch", "patch" -> {
                // the patch tool lists the files it touched in its metadata
                for (JsonValue f : Jsons.array(metadata, "files")) {
                    String p = f instanceof JsonObject o ? firstNonNull(Jsons.string(o, "filePath"), Jsons.string(o, "path"))
                            : Jsons.text(f);
                    if (p != null && !p.isEmpty()) {
                        refs.add(new ContentPart.FileRef(p, FileAction.PATCH,
                                f instanceof JsonObject o ? Jsons.string(o, "diff") : null));
                    }
                }
            }
            default -> {
            }
        }
        return refs;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
