// Names the v0.1 client exported for request parameters, taken from the generated operations
// (the document declares them as parameters, not schemas). Schema types come straight from
// the generated module.
import type { operations } from "./generated/openapi.js";

export type * from "./generated/openapi.js";

/** Optional fields may also be null (the v0.1 client's types allowed it; null means "not sent"). */
type NullableOptionals<T> = {
  [K in keyof T as {} extends Pick<T, K> ? never : K]: T[K];
} & {
  [K in keyof T as {} extends Pick<T, K> ? K : never]?: T[K] | null;
};

/** The v0.1 client's spelling of `include_raw`; sent as `include_raw`. */
type IncludeRawCamel = { includeRaw?: boolean | null };

/** `offset`, `limit`, `include_raw` of `GET /v1/sessions/{id}/events` (and its SSE twin). */
export type EventsQuery = NullableOptionals<operations["get_events"]["query"]> & IncludeRawCamel;
/**
 * {@link EventsQuery} plus `close_at_end` of `GET /v1/sessions/{id}/events/sse` (our addition):
 * true ends the stream once the session has ended and its last event was sent; by default the
 * daemon keeps it open after the end and a continuation's events arrive on it.
 */
export type EventsSseQuery = EventsQuery & NullableOptionals<Pick<operations["get_events_sse"]["query"], "close_at_end">>;
/** `include_raw` of `POST /v1/sessions/{id}/messages/stream`. */
export type TurnStreamQuery = NullableOptionals<operations["post_message_stream"]["query"]> & IncludeRawCamel;
/** `path` plus the optional session whose directory resolves relative paths. */
export type FsPathQuery = NullableOptionals<operations["fs_stat"]["query"]>;
export type FsEntriesQuery = NullableOptionals<operations["fs_entries"]["query"]>;
export type FsDeleteQuery = NullableOptionals<operations["fs_delete_entry"]["query"]>;
export type FsUploadBatchQuery = NullableOptionals<operations["fs_upload_batch"]["query"]>;
export type FsSessionQuery = Omit<FsPathQuery, "path">;

/**
 * One question of a `question.requested` that asks several at once (`data.questions`, #21):
 * its own options, and whether several may be chosen. `subQuestions` gives every question event
 * as such a list, one entry for a plain question.
 */
export type SubQuestion = NonNullable<import("./generated/openapi.js").QuestionEventData["questions"]>[number];
