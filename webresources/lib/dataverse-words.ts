/**
 * A Dataverse refusal in words a person can act on: which role they need and who gives it, a
 * disabled user, a record they may not see. Dataverse's own text ("SecLib::AccessCheckEx failed",
 * "Principal user (Id=…) is missing prvReaddtclm_template privilege") names ids and privileges that
 * mean nothing to the reader; its code is kept at the end, for support (Web service error codes:
 * 0x80040220 PrivilegeDenied, 0x80040225 UserDisabled, 0x80048306 access check failed).
 */
import { CONNECTOR_ROLE_NAMES } from '../../api/vocabulary/roles';

const ADMIN_GIVES = 'Your Dynamics administrator gives roles (Settings > Users > Manage security roles).';

/** The connector's tables in words, and the roles that read them (dataverse-model.md, Security roles). */
const TABLES: Record<string, { words: string; roles: string }> = {
  dtclm_template: { words: 'contract templates', roles: `${CONNECTOR_ROLE_NAMES.user} (or ${CONNECTOR_ROLE_NAMES.readOnly} to look only)` },
  dtclm_contract: { words: 'CLM contracts', roles: `${CONNECTOR_ROLE_NAMES.user} (or ${CONNECTOR_ROLE_NAMES.readOnly} to look only)` },
  dtclm_contractevent: { words: 'the history of CLM contracts', roles: `${CONNECTOR_ROLE_NAMES.user} (or ${CONNECTOR_ROLE_NAMES.readOnly} to look only)` },
  dtclm_userlink: { words: 'CLM users', roles: CONNECTOR_ROLE_NAMES.admin },
  dtclm_contactlink: { words: 'CLM contact links', roles: CONNECTOR_ROLE_NAMES.admin },
};

const ACTIONS: Record<string, string> = { Read: 'read', Write: 'change', Create: 'create', Delete: 'delete', Append: 'link', AppendTo: 'link to' };

function privilegeWords(message: string): string | undefined {
  const m = /\bprv(AppendTo|Append|Read|Write|Create|Delete)(\w+?)\b/.exec(message);
  if (!m) return undefined;
  const [, action, table] = m;
  const known = TABLES[table.toLowerCase()];
  const what = known?.words ?? `the ${table} table`;
  const role = known ? `the role ${known.roles}` : 'a role that grants it';
  return `You may not ${ACTIONS[action] ?? action.toLowerCase()} ${what} in Dynamics: you need ${role}. ${ADMIN_GIVES}`;
}

export function dataverseWords(status: number, code: string | undefined, message: string | undefined): string {
  const text = message ?? '';
  const forSupport = code ? ` (code for support: ${code})` : '';
  if (code === '0x80040225' || /\bdisabled\b/i.test(text)) return `Your Dynamics user is disabled: ask your Dynamics administrator to enable it.${forSupport}`;
  const privilege = privilegeWords(text);
  if (privilege) return `${privilege}${forSupport}`;
  if (code === '0x80048306' || /AccessCheck/i.test(text) || status === 404)
    return `You may not see this record in Dynamics, or it no longer exists: ask its owner to share it with you.${forSupport}`;
  if (status === 401) return 'Your Dynamics session has ended: reload the page to sign in again.';
  if (status === 403) return `Dynamics refused this to your user: ask your Dynamics administrator which role you need. ${ADMIN_GIVES}${forSupport}`;
  if (status === 429 || status >= 500) return `Dynamics is busy or unavailable (${status}): try again in a minute.${forSupport}`;
  return `Dynamics refused the request (${status}).${forSupport}`;
}
