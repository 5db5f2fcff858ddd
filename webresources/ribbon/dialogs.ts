/** Opens the connector's pages from a form: the request dialog centred, the status panel in a side pane. */
import { encodePageData, type PageData } from '../lib/page-data';
import { WEB_RESOURCES } from '../lib/dataverse-names';

/** navigateTo's `target: 2` opens a dialog; position 1 centres it. */
const DIALOG = 2;
const CENTER = 1;
const PANE_ID = 'dtclm_contractstatus';

export function openRequestContractDialog(data: PageData): Xrm.Async.PromiseLike<unknown> {
  return Xrm.Navigation.navigateTo(
    { pageType: 'webresource', webresourceName: WEB_RESOURCES.requestContract, data: encodePageData(data) },
    { target: DIALOG, position: CENTER, width: { value: 60, unit: '%' }, height: { value: 80, unit: '%' }, title: 'Request Contract' },
  );
}

/**
 * The status panel in the app's side pane. alwaysRender keeps the page (and its change watcher)
 * alive while the user looks at another pane; opening it again on another record navigates the
 * same pane there.
 */
export async function openContractStatusPanel(data: PageData): Promise<void> {
  const panes = Xrm.App.sidePanes;
  const pane =
    panes.getPane(PANE_ID) ??
    (await panes.createPane({
      title: 'Contract Status',
      paneId: PANE_ID,
      canClose: true,
      width: 400,
      alwaysRender: true,
      // The web resource's relative URL with its caching token, as the Power Apps checker's
      // use-cached-webresource asks (an absolute /WebResources/ path bypasses the cache).
      imageSrc: Xrm.Utility.getGlobalContext().getWebResourceUrl(WEB_RESOURCES.contractStatusIcon),
    }));
  await pane.navigate({ pageType: 'webresource', webresourceName: WEB_RESOURCES.contractStatus, data: encodePageData(data) });
  pane.select();
}
