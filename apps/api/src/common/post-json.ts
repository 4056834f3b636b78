/** How long a call to another system may take before it counts as no answer. */
const TIMEOUT_MS = 5000;

// Node's global fetch (undici); typed narrowly here since the project's lib has no DOM.
type FetchResponse = { status: number; text(): Promise<string> };

/**
 * POSTs a JSON body to another system (the provincial platform, an SMS gateway) and answers its
 * HTTP status and body text; throws when it does not answer within 5 s (the caller retries).
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const response = (await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  })) as unknown as FetchResponse;
  return { status: response.status, text: await response.text() };
}

/** Why a call did not answer, for the outbox's lastError. */
export const noAnswer = (who: string, error: unknown): string =>
  `${who} did not answer: ${error instanceof Error ? error.message : 'unknown'}`;
