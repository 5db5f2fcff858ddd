/** `GET /` of the dev host: a page for a person, listing every function and where it answers. */
import type { HttpRoute, QueueJob, TimerJob } from '../../functions/src/routes';

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function routesPage(apiBase: string, routes: readonly HttpRoute[], timers: readonly TimerJob[], queues: readonly QueueJob[]): string {
  const rows = routes
    .map((r) => `<tr><td>${esc(r.methods.join(', '))}</td><td><code>${esc(`${apiBase}/${r.route}`)}</code></td><td>${esc(r.name)}</td></tr>`)
    .join('\n');
  const timerRows = timers.map((t) => `<li>${esc(t.name)} <code>${esc(t.schedule)}</code></li>`).join('\n');
  const queueRows = queues.map((q) => `<li>${esc(q.name)} on queue <code>${esc(q.queueName)}</code></li>`).join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Functions dev host</title></head>
<body>
<h1>Functions dev host</h1>
<p>HTTP functions (${routes.length}):</p>
<table border="1" cellpadding="4"><tr><th>methods</th><th>URL</th><th>function</th></tr>
${rows}
</table>
<p>Timers (run on demand): </p><ul>${timerRows || '<li>none</li>'}</ul>
<p>Queue functions (run on demand): </p><ul>${queueRows || '<li>none</li>'}</ul>
</body></html>
`;
}
