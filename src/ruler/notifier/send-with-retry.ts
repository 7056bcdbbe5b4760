import { postWithRetry, type PostResult, type PostWithRetryOptions } from '../post-with-retry.js';

/**
 * POSTs a JSON body, retrying network errors, 429 and 5xx with exponential
 * backoff; any other status is final. Resolves with the last status
 * (0 for a network error) so the caller counts failures.
 */
export function postJsonWithRetry(url: string, body: string, options: PostWithRetryOptions = {}): Promise<PostResult> {
  return postWithRetry(url, body, { ...options, headers: { 'Content-Type': 'application/json', ...options.headers } });
}
