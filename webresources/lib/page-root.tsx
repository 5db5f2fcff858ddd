/**
 * What every page does first: find its Xrm and user, pick the Fluent theme (high contrast when the
 * user asked for it in Dynamics), set the document language, and render.
 */
import { FluentProvider, teamsHighContrastTheme, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { pageXrm, userContext, type UserContext } from './xrm-context';

export function renderPage(render: (ctx: { xrm: typeof Xrm | undefined; user: UserContext }) => ReactNode): void {
  const element = document.getElementById('page');
  if (!element) return;
  const xrm = pageXrm();
  const user = userContext(xrm);
  document.documentElement.lang = user.locale;
  createRoot(element).render(
    <FluentProvider theme={user.highContrast ? teamsHighContrastTheme : webLightTheme} style={{ background: 'transparent' }}>
      {render({ xrm, user })}
    </FluentProvider>,
  );
}
