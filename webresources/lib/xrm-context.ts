/**
 * The Xrm a page is given. A web resource opened with navigateTo or in a side pane runs in a frame
 * of the app's own window, which holds Xrm (Microsoft: "Xrm object in HTML web resources": use
 * parent.Xrm). One level up only, never a window.top chain. A page embedded as a form control may
 * instead be handed Xrm and the form by `setClientApiContext(xrm, formContext)` from an OnLoad
 * handler (the documented pattern); that wins when it comes.
 */

import type { DateSettings } from './date-settings';

type XrmLike = typeof Xrm;

let given: XrmLike | undefined;

export function setGivenXrm(xrm: XrmLike): void {
  given = xrm;
}

export function pageXrm(): XrmLike | undefined {
  if (given) return given;
  try {
    const fromParent = (window.parent as unknown as { Xrm?: XrmLike }).Xrm;
    if (fromParent && window.parent !== window) return fromParent;
  } catch {
    // A parent on another origin: no Xrm from there.
  }
  return (window as unknown as { Xrm?: XrmLike }).Xrm;
}

/** The bits of userSettings the pages use, with safe defaults when there is no Xrm (the page opened on its own). */
export interface UserContext extends DateSettings {
  userId: string;
  roleNames: Set<string>;
  highContrast: boolean;
}

const LCID_TO_LOCALE: Record<number, string> = {
  1031: 'de-DE',
  1033: 'en-US',
  1036: 'fr-FR',
  1040: 'it-IT',
  1043: 'nl-NL',
  2057: 'en-GB',
  3082: 'es-ES',
};

export function userContext(xrm: XrmLike | undefined = pageXrm()): UserContext {
  const settings = xrm?.Utility.getGlobalContext().userSettings;
  const roleNames = new Set<string>();
  settings?.roles.forEach((r) => {
    if (r.name) roleNames.add(r.name);
  });
  return {
    userId: (settings?.userId ?? '').replace(/[{}]/g, '').toLowerCase(),
    roleNames,
    locale: (settings && LCID_TO_LOCALE[settings.languageId]) ?? navigator.language ?? 'en-US',
    highContrast: settings?.isHighContrastEnabled ?? false,
    timeZoneOffsetMinutes: settings?.getTimeZoneOffsetMinutes?.(),
  };
}
