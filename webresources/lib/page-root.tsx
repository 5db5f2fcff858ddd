/**
 * What every page does first: find its Xrm and user, pick the Fluent theme (high contrast when the
 * user asked for it in Dynamics), set the document language, and render.
 */
import { FluentProvider, teamsHighContrastTheme, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { teamRoleNames } from './team-roles';
import { pageXrm, userContext, type UserContext } from './xrm-context';

const TEAM_ROLES_WAIT_MS = 5000;

export function renderPage(render: (ctx: { xrm: typeof Xrm | undefined; user: UserContext }) => ReactNode): void {
  const element = document.getElementById('page');
  if (!element) return;
  const xrm = pageXrm();
  const user = userContext(xrm);
  document.documentElement.lang = user.locale;
  // Roles held through a team count as the user's own (once per session; lib/team-roles.ts).
  // A slow read does not hold the page: after 5 s it shows with the user's own roles.
  const teamRoles = xrm && user.userId ? teamRoleNames(user.userId, xrm.WebApi) : Promise.resolve([]);
  const late = new Promise<string[]>((resolve) => setTimeout(() => resolve([]), TEAM_ROLES_WAIT_MS));
  void Promise.race([teamRoles, late]).then((names) => {
    names.forEach((name) => user.roleNames.add(name));
    show(element, render, xrm, user);
  });
}

function show(
  element: HTMLElement,
  render: (ctx: { xrm: typeof Xrm | undefined; user: UserContext }) => ReactNode,
  xrm: typeof Xrm | undefined,
  user: UserContext,
) {
  createRoot(element).render(
    <FluentProvider theme={user.highContrast ? teamsHighContrastTheme : webLightTheme} style={{ background: 'transparent' }}>
      {render({ xrm, user })}
    </FluentProvider>,
  );
}
