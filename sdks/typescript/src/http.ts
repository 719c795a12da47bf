// The one place that talks HTTP: URLs, auth and default headers, bodies, and turning a
// non-2xx answer into a SandboxAgentError carrying the daemon's problem+json.
import type { ProblemDetails } from "./types.js";

export class SandboxAgentError extends Error {
  readonly status: number;
  readonly problem?: ProblemDetails;
  readonly response: Response;

  constructor(status: number, problem: ProblemDetails | undefined, response: Response) {
    super(problem?.title ?? `Request failed with status ${status}`);
    this.name = "SandboxAgentError";
    this.status = status;
    this.problem = problem;
    this.response = response;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = { [key: string]: QueryValue };

export type RequestOptions = {
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (file bytes, a tar archive, a stream). */
  rawBody?: BodyInit;
  contentType?: string;
  headers?: HeadersInit;
  accept?: string;
  signal?: AbortSignal;
};

export type TransportOptions = {
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
  headers?: HeadersInit;
};

export class HttpTransport {
  readonly baseUrl: string;
  readonly token?: string;
  private readonly fetcher: typeof fetch;
  private readonly defaultHeaders?: HeadersInit;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.token = options.token;
    const fetcher = options.fetch ?? globalThis.fetch?.bind(globalThis);
    if (!fetcher) {
      throw new Error("Fetch API is not available; provide a fetch implementation.");
    }
    this.fetcher = fetcher;
    this.defaultHeaders = options.headers;
  }

  /** The parsed JSON answer, or undefined for 204 and empty bodies. */
  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.raw(method, path, { accept: "application/json", ...options });
    if (response.status === 204) {
      return undefined as T;
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The response of a 2xx answer; anything else throws SandboxAgentError. */
  async raw(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    if (options.rawBody !== undefined && options.body !== undefined) {
      throw new Error("a request takes either body or rawBody, not both");
    }
    const headers = new Headers(this.defaultHeaders);
    if (this.token) {
      headers.set("Authorization", `Bearer ${this.token}`);
    }
    if (options.accept) {
      headers.set("Accept", options.accept);
    }
    const init: RequestInit & { duplex?: "half" } = { method, headers, signal: options.signal };
    if (options.rawBody !== undefined) {
      headers.set("Content-Type", options.contentType ?? "application/octet-stream");
      init.body = options.rawBody;
      if (isStream(options.rawBody)) {
        init.duplex = "half"; // required by fetch for a streamed request body
      }
    } else if (options.body !== undefined) {
      headers.set("Content-Type", "application/json");
      init.body = JSON.stringify(options.body);
    }
    new Headers(options.headers).forEach((value, key) => headers.set(key, value));

    const response = await this.fetcher(this.url(path, options.query), init);
    if (!response.ok) {
      throw new SandboxAgentError(response.status, await readProblem(response), response);
    }
    return response;
  }

  url(path: string, query?: Query): string {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) {
        url.searchParams.set(key, String(value));
      }
    }
    return url.toString();
  }
}

async function readProblem(response: Response): Promise<ProblemDetails | undefined> {
  try {
    const text = await response.clone().text();
    return text ? (JSON.parse(text) as ProblemDetails) : undefined;
  } catch {
    return undefined;
  }
}

function isStream(body: BodyInit): boolean {
  return typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
}
