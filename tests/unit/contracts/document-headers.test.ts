/**
 * What the documents route says of a CLM document's bytes (handlers/contracts/document-headers.ts):
 * the page opens them as a blob: URL of the answered type in the Dynamics origin, so only a type
 * that cannot run script is answered inline; the name follows RFC 6266 with an RFC 8187 ext-value.
 */
import { contentDisposition, documentTyping, safeFileName } from '../../../functions/src/handlers/contracts/document-headers';

describe('the type a CLM document is answered with', () => {
  it.each([
    ['application/pdf', 'application/pdf'],
    ['Application/PDF; name=x', 'application/pdf'],
    ['text/plain; charset=UTF-8', 'text/plain; charset=utf-8'],
    ['image/png', 'image/png'],
  ])('keeps %s inline (as %s)', (given, answered) => {
    expect(documentTyping(given, 'application/pdf')).toEqual({ contentType: answered, inline: true });
  });

  it.each([
    'text/html',
    'image/svg+xml',
    'application/xhtml+xml',
    'text/xml',
    'application/javascript',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ])('answers %s as a download of bytes: it could run script in the page, or a browser does not show it', (given) => {
    expect(documentTyping(given, 'application/pdf')).toEqual({ contentType: 'application/octet-stream', inline: false });
  });

  it('takes the type the contract lists when the answer gives none or one that is not a media type (RFC 9110 8.3.1)', () => {
    expect(documentTyping(undefined, 'application/pdf')).toEqual({ contentType: 'application/pdf', inline: true });
    expect(documentTyping('pdf, please', 'application/pdf')).toEqual({ contentType: 'application/pdf', inline: true });
    expect(documentTyping('text/html\r\nX-Evil: 1', undefined)).toEqual({ contentType: 'application/octet-stream', inline: false });
  });
});

describe('the file name', () => {
  it("is the CLM's name in filename*, percent-encoded as RFC 8187 attr-char requires, with an ASCII fallback", () => {
    expect(contentDisposition("Offre (v2) d'été*.pdf", true)).toBe(
      `inline; filename="Offre (v2) d'_t_*.pdf"; filename*=UTF-8''Offre%20%28v2%29%20d%27%C3%A9t%C3%A9%2A.pdf`,
    );
    expect(contentDisposition('a"b\\c%d.pdf', false)).toBe(`attachment; filename="a_b_c_d.pdf"; filename*=UTF-8''a%22b%5Cc%25d.pdf`);
  });

  it('loses control characters, path separators and lone surrogates; an empty name falls back', () => {
    expect(safeFileName('../etc/\r\npasswd\u0000.pdf', 'x')).toBe('.._etc_passwd.pdf');
    expect(safeFileName('bad\uD800name.pdf', 'x')).toBe('bad\uFFFDname.pdf');
    expect(() => contentDisposition(safeFileName('bad\uD800name.pdf', 'x'), true)).not.toThrow();
    expect(safeFileName(' \u0007 ', 'document-doc_1')).toBe('document-doc_1');
    expect([...safeFileName('é'.repeat(300), 'x')]).toHaveLength(200);
  });
});
