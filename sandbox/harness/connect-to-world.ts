/**
 * What an admin does for a Dynamics org once it exists, done for the harness (the org's stand-in)
 * once its URL is known: the connector's Function App allows its origin (CORS), the connector's app
 * registration gets the org's bridge page as a Single-page application redirect URI (admin guide
 * Step 1 item 7), and Dynamics' own sign-in (its first-party app, DYNAMICS_APP) its Web redirect URI.
 */
import { CONNECTOR_APP, DYNAMICS_APP } from '../seed/identities';
import type { World } from '../world';
import type { Harness } from '.';

export function connectHarnessToWorld(world: World, harness: Harness): void {
  world.corsOrigins.push(harness.url);
  world.identity.registerRedirectUri(harness.redirectUris.signInPage, { clientId: CONNECTOR_APP.clientId, type: 'spa' });
  world.identity.registerRedirectUri(harness.redirectUris.dynamics, { clientId: DYNAMICS_APP.clientId, type: 'web' });
}
