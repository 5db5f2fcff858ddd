/**
 * Opens the signed PDF in the browser's viewer. Dataverse serves a file column's bytes as an
 * `application/octet-stream` attachment (Web API "Download files"), so a plain link downloads it;
 * here the bytes are read (the session cookie authenticates, as for any Web API URL) and shown as
 * an `application/pdf` file with the document's name. The window is opened at the click, before the
 * read, so no popup blocker stops it; a failed read falls back to the download link itself.
 */
export async function openPdf(url: string, name: string): Promise<void> {
  const opened = window.open('', '_blank');
  try {
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`Dataverse answered ${res.status}`);
    const file = new File([await res.blob()], name, { type: 'application/pdf' });
    const shown = URL.createObjectURL(file);
    if (opened) opened.location.href = shown;
    else window.open(shown, '_blank');
  } catch {
    if (opened) opened.location.href = url;
  }
}
