import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/**
 * A real, small PDF for a contract document, so that a connector that stores or forwards "the
 * signed PDF" handles real bytes. The standard fonts only encode WinAnsi (Latin-1-like), so other
 * characters are shown as "?" rather than making the PDF fail.
 */
function printable(text: string): string {
  return [...text].map((ch) => ((ch.codePointAt(0) as number) >= 0x20 && (ch.codePointAt(0) as number) <= 0xff ? ch : '?')).join('');
}

export async function contractPdf(title: string, stamp: 'Draft' | 'Signed', lines: string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(printable(`${title} (${stamp})`));
  pdf.setProducer('DiliTrust CLM sandbox');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([595, 842]);
  page.drawText(printable(title).slice(0, 80), { x: 50, y: 780, size: 18, font: bold });
  page.drawText(stamp, { x: 50, y: 750, size: 14, font: bold, color: stamp === 'Signed' ? rgb(0, 0.5, 0.2) : rgb(0.5, 0.5, 0.5) });
  let y = 720;
  for (const line of lines.slice(0, 40)) {
    page.drawText(printable(line).slice(0, 100), { x: 50, y, size: 10, font });
    y -= 14;
  }
  return pdf.save();
}
