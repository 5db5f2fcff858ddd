/** dtclm_/html/admin.html: the connector's settings page (the app's Settings area). */
import { renderPage } from '../../lib/page-root';
import { AdminApp } from './admin-app';
import { readAdminPageData } from './admin-page-data';

renderPage(({ user }) => <AdminApp user={user} data={readAdminPageData(window.location.search)} />);
