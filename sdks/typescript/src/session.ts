// A handle on one session: prompt and follow it, and what its log says is still open
// (the turn, permissions and questions waiting for an answer).
import type { SandboxAgent } from "./client.js";
import type { ReconnectOptions } from "./reconnect.js";
import type { MessageAttachment, PermissionEventData, QuestionEventData, SubQuestion, UniversalEvent } from "./types.js";

export type PromptOptions = {
  attachments?: MessageAttachment[];
  includeRaw?: boolean;
  signal?: AbortSignal;
};

export type SessionEventsOptions = {
  /** Sequence of the last event already seen; 0 (default) is the whole log. */
  offset?: number;
  includeRaw?: boolean;
  signal?: AbortSignal;
  reconnect?: ReconnectOptions;
};

export type OnEventOptions = Omit<SessionEventsOptions, "signal"> & {
  /** Called once if the stream fails for good (the callback stream then stops). */
  onError?: (error: unknown) => void;
};

const PAGE = 1000;

export class SessionHandle {
  constructor(
    private readonly client: SandboxAgent,
    readonly id: string,
  ) {}

  /**
   * Posts `message` and yields that turn's events up to its `turn.ended`. If the turn's stream
   * drops after it began, the rest is read from the session's log, so nothing is lost.
   */
  async *prompt(message: string, options: PromptOptions = {}): AsyncGenerator<UniversalEvent, void, void> {
    const request = { message, ...(options.attachments ? { attachments: options.attachments } : {}) };
    const query = options.includeRaw ? { include_raw: true } : undefined;
    let last: UniversalEvent | undefined;
    let turnStarted = false;
    try {
      for await (const event of this.client.streamTurn(this.id, request, query, options.signal)) {
        last = event;
        turnStarted ||= event.type === "turn.started";
        yield event;
        if (event.type === "turn.ended" && turnStarted) {
          return;
        }
      }
    } catch (error) {
      if (last === undefined || options.signal?.aborted) {
        throw error; // nothing of the turn arrived: whether the message was taken is unknown
      }
    }
    if (options.signal?.aborted || last === undefined) {
      return;
    }
    for await (const event of this.events({ offset: last.sequence, includeRaw: options.includeRaw, signal: options.signal })) {
      turnStarted ||= event.type === "turn.started";
      yield event;
      // the session's end is the end of a turn that was never started, too: nothing more comes
      if ((event.type === "turn.ended" && turnStarted) || event.type === "session.ended") {
        return;
      }
    }
  }

  /** The session's events after `offset`, live, reconnecting by itself. */
  events(options: SessionEventsOptions = {}): AsyncGenerator<UniversalEvent, void, void> {
    const query = { offset: options.offset ?? 0, ...(options.includeRaw ? { include_raw: true } : {}) };
    return this.client.streamEvents(this.id, query, options.signal, options.reconnect);
  }

  /** Calls `callback` for every event (from `offset`) until the returned function is called. */
  onEvent(callback: (event: UniversalEvent) => void, options: OnEventOptions = {}): () => void {
    const controller = new AbortController();
    void (async () => {
      try {
        for await (const event of this.events({ ...options, signal: controller.signal })) {
          callback(event);
        }
      } catch (error) {
        if (!controller.signal.aborted) {
          options.onError?.(error);
        }
      }
    })();
    return () => controller.abort();
  }

  /**
   * Resolves with the `turn.ended` of the turn running now or, when none is, of the next turn
   * to start. A message posted with `postMessage` may still be queued (its `turn.started` not
   * yet logged) or already done; to wait for exactly that turn, read the session's `eventCount`
   * before posting and pass it as `offset`: the first turn that starts after it is awaited.
   * When the session ends (or, without an offset, has ended) with no turn open, no turn will
   * start by itself: it resolves with that `session.ended`. Resolves with undefined when
   * `signal` aborts.
   */
  async waitForTurnEnd(options: { offset?: number; signal?: AbortSignal } = {}): Promise<UniversalEvent | undefined> {
    let offset = options.offset;
    let open = 0;
    if (offset === undefined) {
      const log = await this.log();
      let end: UniversalEvent | undefined;
      for (const event of log) {
        if (event.type === "turn.started") open++;
        if (event.type === "turn.ended") open = Math.max(0, open - 1);
        if (event.type === "session.started") end = undefined; // continued after an end
        if (event.type === "session.ended") end = event;
      }
      if (end !== undefined && open === 0) {
        return end;
      }
      offset = log.length === 0 ? 0 : log[log.length - 1].sequence;
    }
    for await (const event of this.events({ offset, signal: options.signal })) {
      if (event.type === "turn.started") open++;
      if (event.type === "turn.ended" && open > 0 && --open === 0) {
        return event;
      }
      if (event.type === "session.ended") {
        return event; // its turn.ended came first if a turn was open
      }
    }
    return undefined;
  }

  /** Permission requests in the log that have no `permission.resolved` yet. */
  async pendingPermissions(): Promise<PermissionEventData[]> {
    return pending(await this.log(), "permission.requested", "permission.resolved", (d) => d.permission_id);
  }

  /**
   * Question requests in the log that have no `question.resolved` yet. One that asks several
   * questions at once keeps them in `questions` (see `subQuestions`).
   */
  async pendingQuestions(): Promise<QuestionEventData[]> {
    return pending(await this.log(), "question.requested", "question.resolved", (d) => d.question_id);
  }

  /**
   * Answers question `questionId`: one list per sub-question, in the order of `subQuestions`
   * (a plain question has one), each with the chosen option(s) or free text. Another count is a
   * 400 and the question stays open.
   */
  async replyQuestion(questionId: string, answers: string[][]): Promise<void> {
    await this.client.replyQuestion(this.id, questionId, { answers });
  }

  /** Dismisses question `questionId` without an answer. */
  async rejectQuestion(questionId: string): Promise<void> {
    await this.client.rejectQuestion(this.id, questionId);
  }

  /** The whole log as it is now, read page by page. */
  private async log(): Promise<UniversalEvent[]> {
    const events: UniversalEvent[] = [];
    let offset = 0;
    while (true) {
      const page = await this.client.getEvents(this.id, { offset, limit: PAGE });
      events.push(...page.events);
      if (!page.hasMore || page.events.length === 0) {
        return events;
      }
      offset = page.events[page.events.length - 1].sequence;
    }
  }
}

type HitlType = "permission" | "question";
type DataOf<T extends HitlType> = T extends "permission" ? PermissionEventData : QuestionEventData;

function pending<T extends HitlType>(
  log: UniversalEvent[],
  requested: `${T}.requested`,
  resolved: `${T}.resolved`,
  idOf: (data: DataOf<T>) => string,
): DataOf<T>[] {
  const open = new Map<string, DataOf<T>>();
  for (const event of log) {
    if (event.type === requested) open.set(idOf(event.data as DataOf<T>), event.data as DataOf<T>);
    if (event.type === resolved) open.delete(idOf(event.data as DataOf<T>));
  }
  return [...open.values()];
}

/**
 * The questions a question event asks, to answer one list each: its `questions` when it asks
 * several, else the one question with its options.
 */
export function subQuestions(question: QuestionEventData): SubQuestion[] {
  if (question.questions && question.questions.length > 0) {
    return question.questions;
  }
  return [{ question: question.prompt, header: null, options: question.options, multiple: false }];
}
