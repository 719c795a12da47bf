// The client: the v0.1 `SandboxAgent` surface (same names and argument shapes), plus
// getSession / deleteSession / interruptSession, session handles and reconnecting streams.
import { HttpTransport, SandboxAgentError, type Query } from "./http.js";
import { followEvents, type ReconnectOptions } from "./reconnect.js";
import { SessionHandle } from "./session.js";
import { readSse } from "./sse.js";
import type { SandboxAgentSpawnHandle, SandboxAgentSpawnOptions } from "./spawn.js";
import type {
  AgentInstallRequest,
  AgentListResponse,
  AgentModelsResponse,
  AgentModesResponse,
  CreateSessionRequest,
  CreateSessionResponse,
  EventsQuery,
  EventsResponse,
  EventsSseQuery,
  FsActionResponse,
  FsDeleteQuery,
  FsEntriesQuery,
  FsEntry,
  FsMoveRequest,
  FsMoveResponse,
  FsPathQuery,
  FsSessionQuery,
  FsStat,
  FsUploadBatchQuery,
  FsUploadBatchResponse,
  FsWriteResponse,
  HealthResponse,
  MessageRequest,
  PermissionReplyRequest,
  QuestionReplyRequest,
  SessionInfo,
  SessionListResponse,
  TurnStreamQuery,
  UniversalEvent,
} from "./types.js";

const API_PREFIX = "/v1";

export interface SandboxAgentConnectOptions {
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
  headers?: HeadersInit;
  /** How streamEvents and session handles reconnect (see ReconnectOptions for the defaults). */
  reconnect?: ReconnectOptions;
}

export interface SandboxAgentStartOptions {
  spawn?: SandboxAgentSpawnOptions | boolean;
  fetch?: typeof fetch;
  headers?: HeadersInit;
  reconnect?: ReconnectOptions;
}

const sessionPath = (sessionId: string) => `${API_PREFIX}/sessions/${encodeURIComponent(sessionId)}`;

/** The query as the daemon reads it: v0.1's `includeRaw` becomes `include_raw`. */
function wireQuery(query: EventsSseQuery | TurnStreamQuery | undefined): Query | undefined {
  if (!query || !("includeRaw" in query)) {
    return query;
  }
  const { includeRaw, ...rest } = query;
  return { include_raw: includeRaw, ...rest };
}

export class SandboxAgent {
  private readonly http: HttpTransport;
  private readonly reconnect?: ReconnectOptions;
  private spawnHandle?: SandboxAgentSpawnHandle;

  private constructor(options: SandboxAgentConnectOptions) {
    this.http = new HttpTransport(options);
    this.reconnect = options.reconnect;
  }

  /** The daemon's base URL, without a trailing slash. */
  get baseUrl(): string {
    return this.http.baseUrl;
  }

  static async connect(options: SandboxAgentConnectOptions): Promise<SandboxAgent> {
    return new SandboxAgent(options);
  }

  /** Starts a daemon (Node only) and connects to it; `dispose()` stops it. */
  static async start(options: SandboxAgentStartOptions = {}): Promise<SandboxAgent> {
    const spawnOptions = typeof options.spawn === "boolean" ? { enabled: options.spawn } : { ...options.spawn };
    if (spawnOptions.enabled === false) {
      throw new Error("SandboxAgent.start requires spawn to be enabled.");
    }
    const { spawnSandboxAgent } = await import("./spawn.js");
    const handle = await spawnSandboxAgent(spawnOptions, options.fetch ?? globalThis.fetch);
    const client = new SandboxAgent({
      baseUrl: handle.baseUrl,
      token: handle.token,
      fetch: options.fetch,
      headers: options.headers,
      reconnect: options.reconnect,
    });
    client.spawnHandle = handle;
    return client;
  }

  async getHealth(): Promise<HealthResponse> {
    return this.http.json("GET", `${API_PREFIX}/health`);
  }

  async listAgents(): Promise<AgentListResponse> {
    return this.http.json("GET", `${API_PREFIX}/agents`);
  }

  async installAgent(agent: string, request: AgentInstallRequest = {}): Promise<void> {
    await this.http.json("POST", `${API_PREFIX}/agents/${encodeURIComponent(agent)}/install`, { body: request });
  }

  async getAgentModes(agent: string): Promise<AgentModesResponse> {
    return this.http.json("GET", `${API_PREFIX}/agents/${encodeURIComponent(agent)}/modes`);
  }

  async getAgentModels(agent: string): Promise<AgentModelsResponse> {
    return this.http.json("GET", `${API_PREFIX}/agents/${encodeURIComponent(agent)}/models`);
  }

  async createSession(sessionId: string, request: CreateSessionRequest): Promise<CreateSessionResponse> {
    return this.http.json("POST", sessionPath(sessionId), { body: request });
  }

  async listSessions(): Promise<SessionListResponse> {
    return this.http.json("GET", `${API_PREFIX}/sessions`);
  }

  async getSession(sessionId: string): Promise<SessionInfo> {
    return this.http.json("GET", sessionPath(sessionId));
  }

  /** Ends the session's agent (if still running) and forgets the session and its log. */
  async deleteSession(sessionId: string): Promise<void> {
    await this.http.json("DELETE", sessionPath(sessionId));
  }

  /** Stops the running turn; the session stays usable. */
  async interruptSession(sessionId: string): Promise<void> {
    await this.http.json("POST", `${sessionPath(sessionId)}/interrupt`);
  }

  async postMessage(sessionId: string, request: MessageRequest): Promise<void> {
    await this.http.json("POST", `${sessionPath(sessionId)}/messages`, { body: request });
  }

  async getEvents(sessionId: string, query?: EventsQuery): Promise<EventsResponse> {
    return this.http.json("GET", `${sessionPath(sessionId)}/events`, { query: wireQuery(query) });
  }

  /** The raw SSE response; it stays open after the session's end unless `close_at_end` is true. */
  async getEventsSse(sessionId: string, query?: EventsSseQuery, signal?: AbortSignal): Promise<Response> {
    return this.http.raw("GET", `${sessionPath(sessionId)}/events/sse`, {
      query: wireQuery(query),
      accept: "text/event-stream",
      signal,
    });
  }

  async postMessageStream(
    sessionId: string,
    request: MessageRequest,
    query?: TurnStreamQuery,
    signal?: AbortSignal,
  ): Promise<Response> {
    return this.http.raw("POST", `${sessionPath(sessionId)}/messages/stream`, {
      query: wireQuery(query),
      body: request,
      accept: "text/event-stream",
      signal,
    });
  }

  /**
   * The session's events from `query.offset` on, live, for as long as the caller iterates: the
   * daemon keeps the stream open after the session's end, and the events of a continuation (a
   * message posted to the ended session) arrive on it. With `close_at_end: true` the iteration
   * ends once the session has ended and its last event was delivered. Reconnects by itself
   * (Last-Event-ID) when the connection drops; `signal` ends it at once.
   */
  streamEvents(
    sessionId: string,
    query?: EventsSseQuery,
    signal?: AbortSignal,
    reconnect: ReconnectOptions | undefined = this.reconnect,
  ): AsyncGenerator<UniversalEvent, void, void> {
    const open = (lastEventId: number | undefined, s: AbortSignal | undefined) =>
      this.http.raw("GET", `${sessionPath(sessionId)}/events/sse`, {
        query: wireQuery(query),
        accept: "text/event-stream",
        signal: s,
        headers: lastEventId === undefined ? undefined : { "Last-Event-ID": String(lastEventId) },
      });
    return followEvents(open, signal, reconnect, query?.close_at_end === true);
  }

  /** Posts a message and yields that turn's events, ending with its `turn.ended`. */
  async *streamTurn(
    sessionId: string,
    request: MessageRequest,
    query?: TurnStreamQuery,
    signal?: AbortSignal,
  ): AsyncGenerator<UniversalEvent, void, void> {
    const response = await this.postMessageStream(sessionId, request, query, signal);
    if (!response.body) {
      throw new Error("SSE stream is not readable in this environment.");
    }
    for await (const message of readSse(response.body)) {
      yield JSON.parse(message.data) as UniversalEvent;
    }
  }

  async replyQuestion(sessionId: string, questionId: string, request: QuestionReplyRequest): Promise<void> {
    await this.http.json("POST", `${sessionPath(sessionId)}/questions/${encodeURIComponent(questionId)}/reply`, {
      body: request,
    });
  }

  async rejectQuestion(sessionId: string, questionId: string): Promise<void> {
    await this.http.json("POST", `${sessionPath(sessionId)}/questions/${encodeURIComponent(questionId)}/reject`);
  }

  async replyPermission(sessionId: string, permissionId: string, request: PermissionReplyRequest): Promise<void> {
    await this.http.json("POST", `${sessionPath(sessionId)}/permissions/${encodeURIComponent(permissionId)}/reply`, {
      body: request,
    });
  }

  async terminateSession(sessionId: string): Promise<void> {
    await this.http.json("POST", `${sessionPath(sessionId)}/terminate`);
  }

  async listFsEntries(query?: FsEntriesQuery): Promise<FsEntry[]> {
    return this.http.json("GET", `${API_PREFIX}/fs/entries`, { query });
  }

  async readFsFile(query: FsPathQuery): Promise<Uint8Array> {
    const response = await this.http.raw("GET", `${API_PREFIX}/fs/file`, { query, accept: "*/*" });
    return new Uint8Array(await response.arrayBuffer());
  }

  async writeFsFile(query: FsPathQuery, body: BodyInit): Promise<FsWriteResponse> {
    return this.http.json("PUT", `${API_PREFIX}/fs/file`, { query, rawBody: body });
  }

  async deleteFsEntry(query: FsDeleteQuery): Promise<FsActionResponse> {
    return this.http.json("DELETE", `${API_PREFIX}/fs/entry`, { query });
  }

  async mkdirFs(query: FsPathQuery): Promise<FsActionResponse> {
    return this.http.json("POST", `${API_PREFIX}/fs/mkdir`, { query });
  }

  async moveFs(request: FsMoveRequest, query?: FsSessionQuery): Promise<FsMoveResponse> {
    return this.http.json("POST", `${API_PREFIX}/fs/move`, { query, body: request });
  }

  async statFs(query: FsPathQuery): Promise<FsStat> {
    return this.http.json("GET", `${API_PREFIX}/fs/stat`, { query });
  }

  /** Extracts a tar (or tar.gz) archive into `query.path`. */
  async uploadFsBatch(body: BodyInit, query?: FsUploadBatchQuery): Promise<FsUploadBatchResponse> {
    return this.http.json("POST", `${API_PREFIX}/fs/upload-batch`, {
      query,
      rawBody: body,
      contentType: "application/x-tar",
    });
  }

  /** A handle on one session (no request is made until it is used). */
  session(sessionId: string): SessionHandle {
    return new SessionHandle(this, sessionId);
  }

  /** Stops the daemon this client started with `start()`; nothing for `connect()`. */
  async dispose(): Promise<void> {
    if (this.spawnHandle) {
      await this.spawnHandle.dispose();
      this.spawnHandle = undefined;
    }
  }
}

export { SandboxAgentError };
