// Must compile: narrowing on `type` narrows `data`, through the package's main entry.
import type { ContentPart, PermissionEventData, SubQuestion, UniversalEvent } from "sandbox-agent-jvm";

export function describe(e: UniversalEvent): string {
  if (e.type === "permission.requested") {
    const id: string = e.data.permission_id;
    const data: PermissionEventData = e.data;
    return `${id} ${data.action}`;
  }
  switch (e.type) {
    case "item.delta":
      return e.data.delta;
    case "question.requested":
      return (e.data.questions ?? []).map((q: SubQuestion) => `${q.header ?? ""}${q.multiple ? "+" : ""}${q.options.join(",")}`)
        .join(";") || e.data.options.join(",");
    case "session.ended":
      return e.data.reason;
    case "item.completed":
      return e.data.item.content.map(text).join("");
    default:
      return e.type;
  }
}

function text(part: ContentPart): string {
  return part.type === "text" ? part.text : "";
}
