import { Router } from 'express';
import { notFound } from '../errors';
import { locals } from '../request-locals';

/** CLM folders: the connector only checks that its root folder exists and files contracts in it. */
export interface Folder {
  id: string;
  name: string;
  parentId?: string;
}

/** Fixed ids, so that `npm start` writes the same Dilitrust_account_rootfolder on every run. */
export const SEED_FOLDER_IDS = { root: 'fld_sales_contracts', opportunities: 'fld_sales_contracts_opportunities' } as const;

export class FolderStore {
  private readonly folders = new Map<string, Folder>();

  constructor() {
    this.add({ id: SEED_FOLDER_IDS.root, name: 'Sales contracts' });
    this.add({ id: SEED_FOLDER_IDS.opportunities, name: 'Opportunities', parentId: SEED_FOLDER_IDS.root });
  }

  add(folder: Folder): void {
    this.folders.set(folder.id, folder);
  }

  get(id: string): Folder | undefined {
    return this.folders.get(id);
  }
}

/** GET /folders/{folderId}: `{ id, name }` as the spec's answer has it. */
export function folderRoutes(folders: FolderStore): Router {
  const router = Router();
  router.get('/folders/:folderId', (_req, res) => {
    const folder = folders.get(locals(res).pathParams.folderId);
    if (!folder) throw notFound('Folder');
    res.status(200).json({ id: folder.id, name: folder.name });
  });
  return router;
}
