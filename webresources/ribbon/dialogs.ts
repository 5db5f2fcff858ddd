/** Opens the connector's pages from a form: the request dialog centred, the status panel on the side. */
import { encodePageData, type PageData } from '../lib/page-data';
import { WEB_RESOURCES } from '../lib/dataverse-names';

/** navigateTo's `target: 2` opens a dialog; position 1 centres it, 2 docks it on the side. */
const DIALOG = 2;
const CENTER = 1;
const SIDE = 2;

export function openRequestContractDialog(data: PageData): Xrm.Async.PromiseLike<unknown> {
  return Xrm.Navigation.navigateTo(
    { pageType: 'webresource', webresourceName: WEB_RESOURCES.requestContract, data: encodePageData(data) },
    { target: DIALOG, position: CENTER, width: { value: 60, unit: '%' }, height: { value: 80, unit: '%' }, title: 'Request Contract' },
  );
}

export function openContractStatusPanel(data: PageData): Xrm.Async.PromiseLike<unknown> {
  return Xrm.Navigation.navigateTo(
    { pageType: 'webresource', webresourceName: WEB_RESOURCES.contractStatus, data: encodePageData(data) },
    { target: DIALOG, position: SIDE, width: { value: 420, unit: 'px' }, title: 'Contract Status' },
  );
}
