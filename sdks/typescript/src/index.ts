export { SandboxAgent, SandboxAgentError } from "./client.js";
export type { SandboxAgentConnectOptions, SandboxAgentStartOptions } from "./client.js";
export { SessionHandle, subQuestions } from "./session.js";
export type { OnEventOptions, PromptOptions, SessionEventsOptions } from "./session.js";
export type { ReconnectOptions } from "./reconnect.js";
export { buildInspectorUrl } from "./inspector.js";
export type { InspectorUrlOptions } from "./inspector.js";
export type { SandboxAgentSpawnHandle, SandboxAgentSpawnLogMode, SandboxAgentSpawnOptions } from "./spawn.js";
export type * from "./types.js";
