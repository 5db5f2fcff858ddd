/** dtclm_/html/requestcontract.html: the Request Contract dialog, opened centred by the ribbon with navigateTo. */
import { readPageData } from '../../lib/page-data';
import { renderPage } from '../../lib/page-root';
import { RequestContractApp } from './request-contract-app';

renderPage(({ xrm, user }) => <RequestContractApp data={readPageData(window.location.search)} xrm={xrm} user={user} />);
