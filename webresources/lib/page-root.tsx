/**
 * What every page does first: find its Xrm and user, pick the Fluent theme (high contrast when the
 * user asked for it in Dynamics), set the document language, and render.
 */
import { FluentProvider, teamsHighContrastTheme, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { teamRoleNames } from './team-roles';
import { pageXrm, userContext, type UserContext } from './xrm-context';

export function renderPage(render: (ctx: { xrm: typeof Xrm | undefined; user: UserContext }) => ReactNode): void {
  const element = document.getElementById('page');
  if (!element) return;
  const xrm = pageXrm();
  const user = userContext(xrm);
  document.documentElement.lang = user.locale;
  // Roles held through a team count as the user's own (once per session; lib/team-roles.ts).
  const teamRoles = xrm && user.userId ? teamRoleNames(user.userId, xrm.WebApi) : undefined;
  void (teamRoles ?? Promise.resolve([])).then((names) => {
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
