export interface InspectorUrlOptions {
  /** Base URL of the daemon. */
  baseUrl: string;
  /** Bearer token, passed to the inspector in the URL. */
  token?: string;
  /** Extra headers for the inspector to send, JSON-encoded in the URL. */
  headers?: Record<string, string>;
}

/** The URL of the web inspector the daemon serves under `/ui/`, with the connection in its query. */
export function buildInspectorUrl(options: InspectorUrlOptions): string {
  const params = new URLSearchParams();
  if (options.token) {
    params.set("token", options.token);
  }
  if (options.headers && Object.keys(options.headers).length > 0) {
    params.set("headers", JSON.stringify(options.headers));
  }
  const query = params.toString();
  return `${options.baseUrl.replace(/\/+$/, "")}/ui/${query ? `?${query}` : ""}`;
}
