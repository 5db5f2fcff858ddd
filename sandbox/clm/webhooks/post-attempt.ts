/** What the receiver said to one attempt: its status and (the start of) its body, or why there was no answer. */
export type Answer = { status: number; body: string } | { error: string };

const BODY_KEPT = 500;

/**
 * One POST of a delivery. Redirects are not followed (a webhook receiver answers, it does not
 * redirect), and no answer within `timeoutMs` is a failure, as webhook.md says.
 */
export async function postAttempt(url: string, headers: Record<string, string>, payload: string, timeoutMs: number, closing: AbortSignal): Promise<Answer> {
  const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), closing]);
  try {
    const response = await fetch(url, { method: 'POST', headers, body: payload, redirect: 'manual', signal });
    const text = await response.text();
    return { status: response.status, body: text.slice(0, BODY_KEPT) };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError') return { error: `no answer within ${timeoutMs} ms` };
    if (name === 'AbortError') return { error: 'sandbox closing' };
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { error: `could not reach the receiver${cause ? ` (${cause})` : ''}` };
  }
}

export function isSuccess(answer: Answer): boolean {
  return 'status' in answer && answer.status >= 200 && answer.status < 300;
}
