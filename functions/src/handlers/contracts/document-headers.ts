/**
 * The headers a CLM document is answered with. The bytes come from the CLM and are opened in
 * the browser (the status panel makes a blob: URL of the answer's type, in the Dynamics origin),
 * so what the CLM says of them is checked, never passed on as is:
 * - the type is answered inline only when it cannot run script (PDF, raster images, plain text);
 *   any other type, or one that is not a media type (RFC 9110 8.3.1), is answered as
 *   application/octet-stream, as an attachment: a text/html or image/svg+xml "document" would
 *   otherwise run in the page's origin;
 * - the file name is the CLM's document name (connector-api.md), without control characters or
 *   path separators, in RFC 6266 form: an ASCII fallback and the exact name in `filename*`,
 *   percent-encoded as RFC 8187 ext-value (encodeURIComponent leaves ' ( ) * unencoded, which
 *   attr-char does not allow).
 */

const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain']);

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(`^(${TOKEN})/(${TOKEN})\\s*(;.*)?$`);
const CHARSET = /;\s*charset\s*=\s*"?([A-Za-z0-9._:-]{1,40})"?\s*(;|$)/i;

export interface DocumentTyping {
  contentType: string;
  inline: boolean;
}

/** The answer's type (else the contract's listed one), kept when it is one a browser shows without running anything. */
export function documentTyping(answered: string | undefined, listed: string | undefined): DocumentTyping {
  for (const given of [answered, listed]) {
    const m = given === undefined ? null : MEDIA_TYPE.exec(given.trim());
    if (!m) continue;
    const essence = `${m[1]}/${m[2]}`.toLowerCase();
    if (!INLINE_TYPES.has(essence)) return { contentType: 'application/octet-stream', inline: false };
    const charset = essence === 'text/plain' ? CHARSET.exec(m[3] ?? '')?.[1] : undefined;
    return { contentType: charset ? `${essence}; charset=${charset.toLowerCase()}` : essence, inline: true };
  }
  return { contentType: 'application/octet-stream', inline: false };
}

/** RFC 8187 attr-char: everything else is percent-encoded from UTF-8. */
function extValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The CLM's name made safe for a file name: no control characters, no path, no lone surrogate (encodeURIComponent throws on one), at most 200 characters. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = [
    ...name
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex -- the control characters are what is removed
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
      .replace(/[/\\]/g, '_')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .trim(),
  ]
    .slice(0, 200)
    .join('');
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}

/** RFC 6266: inline or attachment, an ASCII fallback name and the exact one in UTF-8 (filename*). */
export function contentDisposition(fileName: string, inline: boolean): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${extValue(fileName)}`;
}
