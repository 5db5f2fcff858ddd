/**
 * The mapping engine against the Dataverse emulator: the demo quote with a 3-level mapping, 3 lines
 * and a fixed mapping is read in exactly 2 Web API requests (1 without the fixed mapping), counted
 * from the emulator's request log; and previews of the real demo records, including the
 * opportunity created at 23:30 UTC, dated differently for the rep in Paris and the signer in New York.
 */
import { dataverseMappingPorts } from '../../../functions/src/adapters/dataverse';
import { ReadPlanCache, type TemplateField } from '../../../functions/src/domain/mapping';
import { previewMapping } from '../../../functions/src/services/mapping/preview-mapping';
import type { RequestLogEntry } from '../../../sandbox/dataverse';
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { demoUser } from '../../../sandbox/seed/identities';
import { type MappingWorld, startMappingWorld } from './world';

const rep = { callerObjectId: demoUser('rep').objectId };
const signer = { callerObjectId: demoUser('signer').objectId };

/** quote -> account -> primary contact -> owning user: three levels of related records. */
const QUOTE_MAPPING = {
  trigger_entity: 'quote',
  contractName: '{name} - {customerid_account.name}',
  fields: { titre: 'name', montant: 'totalamount', statut: { attribute: 'statuscode', as: 'label' } },
  relatedEntities: {
    customerid_account: {
      entity: 'account',
      fields: { client: 'name', siren: 'accountnumber' },
      relatedEntities: {
        primarycontactid: {
          entity: 'contact',
          fields: { contact: 'fullname' },
          relatedEntities: { owninguser: { entity: 'systemuser', fields: { responsable: 'fullname' } } },
        },
      },
    },
  },
  collections: {
    lignes: {
      relationship: 'quote_details',
      entity: 'quotedetail',
      orderBy: 'lineitemnumber',
      top: 200,
      columns: { produit: 'productname', quantite: 'quantity', prix: 'priceperunit' },
    },
  },
  fixedFieldMappings: { representant: { entity: 'systemuser', id: demoUser('admin').systemUserId, attribute: 'fullname' } },
  signatories: [
    { from: 'customerid_account.primarycontactid', firstName: 'firstname', lastName: 'lastname', email: 'emailaddress1', order: 1 },
    { from: 'ownerid_systemuser', firstName: 'firstname', lastName: 'lastname', email: 'internalemailaddress', order: 2 },
  ],
};

const text = (key: string, label: string, required = false): TemplateField => ({ key, label, type: 'text', required });
const QUOTE_TEMPLATE: TemplateField[] = [
  text('titre', 'Titre', true),
  { key: 'montant', label: 'Montant', type: 'money', required: true },
  text('statut', 'Statut'),
  text('client', 'Client', true),
  text('siren', 'SIREN', true),
  text('contact', 'Contact'),
  text('responsable', 'Responsable'),
  text('representant', 'Représentant'),
  {
    key: 'lignes',
    label: 'Lignes',
    type: 'table',
    required: true,
    columns: [
      text('produit', 'Produit', true),
      { key: 'quantite', label: 'Quantité', type: 'number', required: false },
      { key: 'prix', label: 'Prix', type: 'money', required: false },
    ],
  },
];

describe('mapping engine against the Dataverse emulator', () => {
  let world: MappingWorld;
  let ports: ReturnType<typeof dataverseMappingPorts>;

  beforeAll(async () => {
    world = await startMappingWorld();
    ports = dataverseMappingPorts({ url: world.dataverse.url, getToken: world.getToken, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await world?.close();
  });

  /** Previews once to warm the metadata and user caches, then counts the requests of a second read only. */
  async function countedPreview(mapping: unknown, caller = rep) {
    const input = { mapping, template: { name: 'Contrat cadre', fields: QUOTE_TEMPLATE }, recordId: SEED_IDS.quote, caller };
    await previewMapping(input, { ...ports, planCache: new ReadPlanCache() });
    await world.clearRequests();
    const preview = await previewMapping(input, { ...ports, planCache: new ReadPlanCache() });
    const log: RequestLogEntry[] = await world.requests();
    return { preview, log };
  }

  it('reads the demo quote, 3 levels, 3 lines and a fixed mapping in exactly 2 Web API requests', async () => {
    const { preview, log } = await countedPreview(QUOTE_MAPPING);
    expect(log.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'GET 200']);
    expect(log.every((r) => r.callerObjectId === rep.callerObjectId)).toBe(true);
    expect(preview.errors).toEqual([]);
    expect(preview.fields).toMatchObject({
      titre: 'Q-1001 Contoso rollout',
      montant: { currency: 'EUR' },
      client: 'Contoso Ltd',
      contact: 'Ada Lovelace',
      responsable: expect.any(String),
      representant: `${demoUser('admin').firstName} ${demoUser('admin').lastName}`,
    });
    expect(preview.fields.lignes).toHaveLength(3);
    expect(preview.name).toBe('Q-1001 Contoso rollout - Contoso Ltd');
    expect(preview.signatories.map((s) => s.order)).toEqual([1, 2]);
    expect(preview.signatories[0]).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });
  });

  it('reads it in 1 request without the fixed mapping', async () => {
    const { fixedFieldMappings: _, ...withoutFixed } = QUOTE_MAPPING;
    const { preview, log } = await countedPreview(withoutFixed);
    expect(log).toHaveLength(1);
    expect(decodeURIComponent(log[0].url)).toContain('$expand=customerid_account(');
    expect(preview.fields.lignes).toHaveLength(3);
  });

  it('reads fixed mappings of several records in one more request ($batch)', async () => {
    const mapping = {
      ...QUOTE_MAPPING,
      fixedFieldMappings: {
        representant: { entity: 'systemuser', id: demoUser('admin').systemUserId, attribute: 'fullname' },
        responsable: { entity: 'account', id: SEED_IDS.account, attribute: 'name' },
      },
      relatedEntities: { customerid_account: { entity: 'account', fields: { client: 'name', siren: 'accountnumber' } } },
    };
    const { preview, log } = await countedPreview(mapping);
    expect(log.map((r) => `${r.method} ${r.url.split('?')[0].split('/').pop()}`).sort()).toEqual(['GET quotes(' + SEED_IDS.quote + ')', 'POST $batch']);
    expect(preview.fields.representant).toBe(`${demoUser('admin').firstName} ${demoUser('admin').lastName}`);
    expect(preview.fields.responsable).toBe('Contoso Ltd');
  });

  it("dates the opportunity created at 23:30 UTC in each user's own time zone", async () => {
    const input = (caller: typeof rep) => ({
      mapping: { trigger_entity: 'opportunity', fields: { dt0_date_de_signature: 'createdon', dt0_horodatage: 'createdon', dt0_texte: 'createdon' } },
      template: {
        name: 'NDA',
        fields: [
          { key: 'dt0_texte', label: 'Date en toutes lettres', type: 'multiline', required: false },
          { key: 'dt0_date_de_signature', label: 'Date de signature', type: 'date', required: true },
          { key: 'dt0_horodatage', label: 'Horodatage', type: 'datetime', required: true },
        ] as TemplateField[],
      },
      recordId: SEED_IDS.opportunity,
      caller,
    });
    const paris = await previewMapping(input(rep), ports);
    const newYork = await previewMapping(input(signer), ports);
    expect(paris.errors).toEqual([]);
    expect(newYork.errors).toEqual([]);
    expect(paris.fields.dt0_date_de_signature).toBe('2025-03-15');
    expect(newYork.fields.dt0_date_de_signature).toBe('2025-03-14');
    expect(paris.fields.dt0_horodatage).toBe('2025-03-14T23:30:00Z');
    expect(newYork.fields.dt0_horodatage).toBe('2025-03-14T23:30:00Z');
    // As text, the date and time as Dynamics shows each of them: 15 March in Paris, 14 March in New York.
    expect(paris.fields.dt0_texte).toMatch(/\b15\b/);
    expect(paris.fields.dt0_texte).not.toMatch(/\b14\b/);
    expect(newYork.fields.dt0_texte).toMatch(/\b14\b/);
    expect(newYork.fields.dt0_texte).not.toMatch(/\b15\b/);
  });

  it('previews the product guide mapping on the demo opportunity, sending nothing', async () => {
    await world.clearRequests();
    const preview = await previewMapping(
      {
        mapping: {
          trigger_entity: 'opportunity',
          fields: { dt0_date_de_signature: 'createdon' },
          fixedFieldMappings: { dt0_representant_legal: { entity: 'systemuser', id: demoUser('admin').systemUserId, attribute: 'fullname' } },
        },
        template: {
          name: 'NDA',
          fields: [
            { key: 'dt0_date_de_signature', label: 'Date de signature', type: 'date', required: true },
            { key: 'dt0_representant_legal', label: 'Représentant légal', type: 'text', required: true },
          ],
        },
        recordId: SEED_IDS.opportunity,
        caller: rep,
      },
      ports,
    );
    expect(preview).toMatchObject({ name: 'NDA - 4G Enterprise Rollout', fields: { dt0_date_de_signature: '2025-03-15' }, errors: [] });
    expect((await world.requests()).every((r) => r.method === 'GET')).toBe(true);
  });

  it('reports, in words a salesperson can act on, what the record lacks', async () => {
    const preview = await previewMapping(
      {
        mapping: { trigger_entity: 'quote', relatedEntities: { customerid_contact: { entity: 'contact', fields: { client: 'fullname' } } } },
        template: { name: 'T', fields: [text('client', 'Client', true)] },
        recordId: SEED_IDS.quote,
        caller: rep,
      },
      ports,
    );
    // The demo quote's customer is an account, so its customer contact is empty.
    expect(preview.errors).toEqual([expect.objectContaining({ code: 'required_empty', message: expect.stringMatching(/^Client: .+ is empty$/) })]);
  });
});
