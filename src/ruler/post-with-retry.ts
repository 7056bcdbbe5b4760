/** Options of `postWithRetry`. */
export interface PostWithRetryOptions {
  /** Tries in all (default 3). */
  readonly attempts?: number | undefined;
  /** Per try (default 10 s). */
  readonly timeoutMs?: number | undefined;
  /** Wait before the second try, doubled before each next one (default 200 ms). */
  readonly backoffMs?: number | undefined;
  /** Added to `User-Agent: Watchpost-ruler` (and may replace it). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** How a POST ended: `status` 0 is a network error (or no try at all). */
export interface PostResult {
  readonly ok: boolean;
  readonly status: number;
  /** `<status> <first 200 characters of the answer>`, the network error's message, or '' when ok. */
  readonly error: string;
}

/**
 * POSTs `body` as the ruler's notifier and remote writer do: network errors,
 * 429 and 5xx are retried with exponential backoff; any other status is
 * final. Resolves with the last outcome (never rejects) so the caller counts
 * failures.
 */
export async function postWithRetry(url: string, body: string | Uint8Array, options: PostWithRetryOptions = {}): Promise<PostResult> {
  const attempts = options.attempts ?? 3;
  let backoffMs = options.backoffMs ?? 200;
  let last: PostResult = { ok: false, status: 0, error: 'not sent' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'User-Agent': 'Watchpost-ruler', ...options.headers },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = await response.text();
      if (response.ok) return { ok: true, status: response.status, error: '' };
      last = { ok: false, status: response.status, error: `${response.status} ${text.slice(0, 200)}` };
      if (response.status !== 429 && response.status < 500) return last;
    } catch (err) {
      last = { ok: false, status: 0, error: (err as Error).message };
    }
    if (attempt < attempts) {
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
      backoffMs *= 2;
    }
  }
  return last;
}
