/**
 * The editor's text as a mapping: what the save and the preview send, and why not when it cannot
 * be sent. An empty text is "no mapping" (the save takes the template off the dialog, connector-api.md).
 */

export type ParsedMappingText = { ok: true; value: unknown; triggerEntity: string | undefined } | { ok: false; reason: string };

const TRIGGERS = new Set(['opportunity', 'quote']);

export function parseMappingText(text: string): ParsedMappingText {
  if (text.trim() === '') return { ok: true, value: null, triggerEntity: undefined };
  try {
    const value = JSON.parse(text) as unknown;
    const trigger = value && typeof value === 'object' ? (value as Record<string, unknown>).trigger_entity : undefined;
    return { ok: true, value, triggerEntity: typeof trigger === 'string' && TRIGGERS.has(trigger) ? trigger : undefined };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : 'not JSON' };
  }
}

/** The stored mapping as the editor shows it (indented), or a start for a template that has none. */
export function startingText(stored: string): string {
  if (stored.trim() === '') return '{\n  "trigger_entity": "opportunity",\n  "fields": {}\n}\n';
  try {
    return `${JSON.stringify(JSON.parse(stored), null, 2)}\n`;
  } catch {
    return stored;
  }
}
