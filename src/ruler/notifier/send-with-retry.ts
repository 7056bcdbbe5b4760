/**
 * POSTs a JSON body, retrying network errors, 429 and 5xx with exponential
 * backoff; any other status is final. Resolves with the last status
 * (0 for a network error) so the caller counts failures.
 */
export async function postJsonWithRetry(
  url: string,
  body: string,
  options: { attempts?: number; timeoutMs?: number; backoffMs?: number; headers?: Record<string, string> } = {},
): Promise<{ ok: boolean; status: number; error: string }> {
  const attempts = options.attempts ?? 3;
  let backoffMs = options.backoffMs ?? 200;
  let last = { ok: false, status: 0, error: 'not sent' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'User-Agent': 'Watchpost-ruler', ...options.headers },
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
