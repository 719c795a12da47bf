// Must NOT compile: without narrowing, `data` may be any event's data.
import type { UniversalEvent } from "sandbox-agent-jvm";

export function broken(e: UniversalEvent): string {
  return e.data.permission_id;
}
