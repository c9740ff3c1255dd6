/**
 * Errors the HTTP server answers with: one JSON shape for every failure,
 * `{"error": {"code", "message"}, "request_id"}`, so callers can act on `code` and quote the id.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers (Retry-After, WWW-Authenticate). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpProblem";
  }
}

export const unauthorized = (message: string) =>
  new HttpProblem(401, "unauthorized", message, { "www-authenticate": 'Bearer realm="karamay-policy-bot"' });
export const forbidden = (message: string) => new HttpProblem(403, "forbidden", message);
export const notFound = (message: string) => new HttpProblem(404, "not_found", message);
export const unavailable = (message: string, retryAfterS = 5) => new HttpProblem(503, "unavailable", message, { "retry-after": String(retryAfterS) });
