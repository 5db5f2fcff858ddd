/**
 * dtclm_/html/signin.html: the SPA redirect URI of the connector's app registration, and
 * msal-browser v5's redirect bridge. Entra ID sends the authorization response here (in the hidden
 * iframe of ssoSilent, or in the sign-in popup); this page hands it to the page that asked, over
 * msal-browser's BroadcastChannel, and that page redeems the code. It renders nothing of its own
 * unless it was opened with no response to hand on (someone bookmarked it), and loads no React.
 */
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

broadcastResponseToMainFrame().catch(() => {
  const note = document.getElementById('note');
  if (note) note.hidden = false;
});
