/** dtclm_/html/admin.html: the connector's settings page (the app's Settings area). */
import { renderPage } from '../../lib/page-root';
import { AdminApp } from './admin-app';

renderPage(({ user }) => <AdminApp user={user} />);
