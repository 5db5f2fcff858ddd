/**
 * What the admin page may be opened with: Dynamics passes a web resource page its `data` parameter
 * (navigateTo's `data`, or `&data=` on the app's URL), here a query string: `template=<the
 * dtclm_template row id or its name>` opens that template's mapping editor.
 */

export interface AdminPageData {
  template?: string;
}

export function readAdminPageData(search: string): AdminPageData {
  const data = new URLSearchParams(search).get('data');
  const template = data ? new URLSearchParams(data).get('template')?.trim() : undefined;
  return template ? { template } : {};
}
