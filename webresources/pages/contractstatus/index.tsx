/**
 * dtclm_/html/contractstatus.html: the status panel, opened by the ribbon in a side pane, or placed
 * on a form as a web resource control (the form's OnLoad may hand Xrm through setClientApiContext).
 */
import { readPageData } from '../../lib/page-data';
import { renderPage } from '../../lib/page-root';
import { setGivenXrm } from '../../lib/xrm-context';
import { StatusPanelApp } from './status-panel-app';

/** The documented hand-over for a form's web resource control (getContentWindow().then(w => w.setClientApiContext(Xrm, formContext))). */
(window as unknown as { setClientApiContext?: (xrm: typeof Xrm) => void }).setClientApiContext = setGivenXrm;

renderPage(({ user }) => <StatusPanelApp data={readPageData(window.location.search)} user={user} />);
