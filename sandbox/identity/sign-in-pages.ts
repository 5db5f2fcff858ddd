/**
 * The identity emulator's own pages, as Entra shows them on login.microsoftonline.com: sign-in
 * (user name and password), account picker, permissions requested / need admin approval, an error
 * page for requests it will not answer to the app (AADSTS50011), the signed-out page, and the
 * auto-submitting form of `response_mode=form_post`. Plain HTML forms: labels, a visible focus and
 * a keyboard path through every step (WCAG 2.1 AA), no script needed except form_post's submit.
 */
import type { EntraError } from './errors';

export interface PageAccount {
  objectId: string;
  upn: string;
  name: string;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const STYLE = `
body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0;color:#1b1b1b}
main{max-width:440px;margin:48px auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.5rem;font-weight:600;margin:0 0 16px}
label{display:block;margin:16px 0 4px}
input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:6px 8px;font-size:1rem;border:1px solid #666}
button{margin-top:20px;padding:8px 20px;font-size:1rem;border:1px solid #0067b8;background:#0067b8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0067b8}
button.account{display:block;width:100%;text-align:left;background:#fff;color:#1b1b1b;border:1px solid #ccc;margin-top:8px}
:focus-visible{outline:3px solid #000;outline-offset:2px}
[role=alert]{color:#a80000;margin:12px 0}
code{word-break:break-all}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`;
}

export interface SignInPageOptions {
  action: string;
  /** The authorize request, carried through the form (Entra's `ctx`). */
  ctx: string;
  loginHint?: string;
  /** Shown above the form, e.g. a wrong password. */
  error?: string;
  appName: string;
}

export function signInPage(o: SignInPageOptions): string {
  const alert = o.error ? `<p role="alert" id="signin-error">${esc(o.error)}</p>` : '';
  const described = o.error ? ' aria-describedby="signin-error"' : '';
  return page(
    'Sign in to your account',
    `<h1>Sign in</h1>
<p>to continue to ${esc(o.appName)}</p>
${alert}
<form method="post" action="${esc(o.action)}">
${hidden('ctx', o.ctx)}
<label for="login">Email, phone, or Skype</label>
<input id="login" name="login" type="email" autocomplete="username" required value="${esc(o.loginHint ?? '')}"${described}${o.loginHint ? '' : ' autofocus'}>
<label for="passwd">Password</label>
<input id="passwd" name="passwd" type="password" autocomplete="current-password" required${described}${o.loginHint ? ' autofocus' : ''}>
<button type="submit" id="idSIButton9">Sign in</button>
</form>`,
  );
}

export function accountPickerPage(o: { action: string; ctx: string; accounts: PageAccount[]; appName: string }): string {
  const tiles = o.accounts
    .map((a) => `<button type="submit" class="account" name="account" value="${esc(a.objectId)}">${esc(a.name)}<br><small>${esc(a.upn)}</small></button>`)
    .join('\n');
  return page(
    'Pick an account',
    `<h1>Pick an account</h1>
<p>to continue to ${esc(o.appName)}</p>
<form method="post" action="${esc(o.action)}">
${hidden('ctx', o.ctx)}
${tiles}
<button type="submit" class="account" name="account" value="other">Use another account</button>
</form>`,
  );
}

/** `prompt=consent` with admin consent in place: the user reviews the permissions and accepts. */
export function consentPage(o: { action: string; ctx: string; account: PageAccount; appName: string; permissions: string[] }): string {
  const items = o.permissions.map((p) => `<li>${esc(p)}</li>`).join('');
  return page(
    'Permissions requested',
    `<h1>Permissions requested</h1>
<p>${esc(o.account.upn)}</p>
<p>${esc(o.appName)} needs permission to:</p>
<ul>${items}</ul>
<form method="post" action="${esc(o.action)}">
${hidden('ctx', o.ctx)}${hidden('account', o.account.objectId)}
<button type="submit" name="consent" value="accept">Accept</button>
<button type="submit" class="secondary" name="consent" value="cancel">Cancel</button>
</form>`,
  );
}

/** No admin consent, and users may not consent themselves (AADSTS90094). */
export function adminApprovalPage(o: { action: string; ctx: string; account: PageAccount; appName: string }): string {
  return page(
    'Need admin approval',
    `<h1>Need admin approval</h1>
<p>${esc(o.account.upn)}</p>
<p role="alert">${esc(o.appName)} needs permission to access resources in your organization that only an admin can grant. Please ask an admin to grant permission to this app before you can use it.</p>
<p><small>AADSTS90094: Admin consent is required.</small></p>
<form method="post" action="${esc(o.action)}">
${hidden('ctx', o.ctx)}${hidden('account', o.account.objectId)}
<button type="submit" class="secondary" name="consent" value="cancel">Return to the application without granting consent</button>
</form>`,
  );
}

/** A request Entra answers on its own page, never to the app (e.g. an unregistered redirect URI). */
export function errorPage(error: EntraError, correlationId: string): string {
  return page(
    'Sign in to your account',
    `<h1>Sorry, but we’re having trouble signing you in.</h1>
<p role="alert" id="error-message"><code>AADSTS${error.aadsts}</code>: ${esc(error.detail)}</p>
<dl><dt>Error code</dt><dd id="error-code">${error.aadsts}</dd><dt>Error</dt><dd>${esc(error.error)}</dd><dt>Correlation ID</dt><dd>${esc(correlationId)}</dd></dl>`,
  );
}

/** `error_uri`'s page: the code, and where the sandbox documents it. */
export function errorLookupPage(code: string): string {
  const shown = /^\d{1,9}$/.test(code) ? `AADSTS${code}` : 'an unknown code';
  return page(
    'Error lookup',
    `<h1>Error lookup</h1><p>${esc(shown)}: see "Microsoft Entra authentication and authorization error codes" and sandbox/README.md (Identity emulator).</p>`,
  );
}

export function signedOutPage(): string {
  return page('Signed out', '<h1>You signed out of your account</h1><p>It’s a good idea to close all browser windows.</p>');
}

/** response_mode=form_post: the response POSTed to the redirect URI by an auto-submitting form. */
export function formPostPage(action: string, params: Record<string, string>): string {
  const fields = Object.entries(params)
    .map(([k, v]) => hidden(k, v))
    .join('');
  return page(
    'Working...',
    `<form method="post" action="${esc(action)}" id="form_post">${fields}<noscript><button type="submit">Continue</button></noscript></form>
<script>document.getElementById('form_post').submit();</script>`,
  );
}
