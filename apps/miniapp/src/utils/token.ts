/** The rating token as the API issues it: <id>.<expiry>.<HMAC>, base36 and base64url. */
const TOKEN = /^[0-9a-z]{1,8}\.[0-9a-z]{1,8}\.[A-Za-z0-9_-]{22}$/;

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function isRatingToken(value: string): boolean {
  return TOKEN.test(value);
}

/**
 * Token from whatever a QR code or a page parameter holds: a bare token, a rating URL
 * `…/pages/rate/index?token=…`, or that URL percent-encoded (WeChat's `q` parameter).
 */
export function parseRatingToken(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = raw.trim();
  for (let i = 0; i < 2 && /%[0-9a-f]{2}/i.test(text); i++) text = safeDecode(text);
  if (isRatingToken(text)) return text;
  const match = /[?&#]token=([^&#\s]+)/.exec(text);
  if (!match) return null;
  const token = safeDecode(match[1]).trim();
  // The API decides whether a token is real (404 → 二维码无效); only reject obvious junk here.
  return /^[A-Za-z0-9_.-]{8,64}$/.test(token) ? token : null;
}
