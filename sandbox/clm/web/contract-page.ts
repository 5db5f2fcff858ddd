import type { Contract } from '../contracts/contract-types';
import type { Template } from '../templates/template-types';
import { escapeHtml, layout } from './html';

/** The page a contract's `url` opens: what a person checks after clicking "open in CLM". */
export function contractPage(
  contract: Contract,
  template: Template | undefined,
  flowName: string | undefined,
  requestedBy?: { email?: string; name?: string },
): string {
  const fieldOf = (key: string) => template?.fields.find((f) => f.key === key);
  const fields = Object.entries(contract.fields)
    .map(([key, value]) => `<tr><th>${escapeHtml(fieldOf(key)?.label ?? key)}</th><td>${valueHtml(value, fieldOf(key))}</td></tr>`)
    .join('');
  const signatories = contract.signatories
    .map((s) => `<tr><td>${escapeHtml(s.order ?? '')}</td><td>${escapeHtml(`${s.firstName} ${s.lastName}`)}</td><td>${escapeHtml(s.email)}</td></tr>`)
    .join('');
  const documents = contract.documents
    .map(
      (d) =>
        `<li><a href="${escapeHtml(`/contracts/${encodeURIComponent(contract.id)}/documents/${encodeURIComponent(d.id)}`)}">${escapeHtml(d.name)}</a> (${escapeHtml(d.kind)}, ${d.size} bytes)</li>`,
    )
    .join('');
  return layout(
    contract.name,
    `<h1>${escapeHtml(contract.name)}</h1>
<p>Status: <span class="status" id="status">${escapeHtml(contract.status)}</span> (sequence ${contract.sequence})${flowName ? ` - validation flow: ${escapeHtml(flowName)}` : ''}</p>
<p class="note">Template: ${escapeHtml(template?.name ?? contract.templateId)} - created ${escapeHtml(contract.createdAt)} - updated ${escapeHtml(contract.updatedAt)}<br>
From Dynamics 365 ${escapeHtml(contract.externalRef.entity)} ${escapeHtml(contract.externalRef.id)}${requestedBy ? ` - requested by ${escapeHtml(requestedBy.name ?? '')} ${escapeHtml(requestedBy.email ? `<${requestedBy.email}>` : '')}` : ''}</p>
<h2>Fields</h2>${fields ? `<table>${fields}</table>` : '<p>None</p>'}
<h2>Signatories</h2>${signatories ? `<table><tr><th>Order</th><th>Name</th><th>Email</th></tr>${signatories}</table>` : '<p>None yet</p>'}
<h2>Documents</h2><ul>${documents}</ul>`,
  );
}

type FieldLike = { type?: string; options?: { value: string; label: string }[]; columns?: FieldLike[]; key?: string; label?: string };

/** A field value as a lawyer reads it: plain text, money with its currency, choices by label, tables as tables. */
function valueHtml(value: unknown, field: FieldLike | undefined): string {
  if (value === null || value === undefined) return '<span class="note">-</span>';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) {
    const columns = field?.columns ?? [];
    const head = columns.map((c) => `<th>${escapeHtml(c.label ?? c.key ?? '')}</th>`).join('');
    const rows = value
      .map((row) => `<tr>${columns.map((c) => `<td>${valueHtml((row as Record<string, unknown>)[c.key ?? ''], c)}</td>`).join('')}</tr>`)
      .join('');
    return `<table><tr>${head}</tr>${rows}</table>`;
  }
  if (typeof value === 'object') {
    const money = value as { amount?: unknown; currency?: unknown };
    if (typeof money.amount === 'number' && typeof money.currency === 'string') return escapeHtml(`${money.amount.toFixed(2)} ${money.currency}`);
    return `<code>${escapeHtml(JSON.stringify(value))}</code>`;
  }
  const option = field?.options?.find((o) => o.value === value);
  return escapeHtml(option ? option.label : String(value));
}

export function contractListPage(contracts: Contract[]): string {
  const rows = contracts
    .map(
      (c) =>
        `<tr><td><a href="/contracts/${encodeURIComponent(c.id)}">${escapeHtml(c.name)}</a></td><td>${escapeHtml(c.status)}</td><td>${escapeHtml(c.updatedAt)}</td></tr>`,
    )
    .join('');
  return layout(
    'Contracts',
    `<h1>Contracts</h1>${rows ? `<table><tr><th>Name</th><th>Status</th><th>Updated</th></tr>${rows}</table>` : '<p>No contract yet.</p>'}`,
  );
}
