/**
 * The emulator imports the connector's zip in both its languages and answers each caller in theirs,
 * as Dataverse does: a metadata Label holds every LocalizedLabel, and UserLocalizedLabel is the one
 * in the calling user's language (usersettings.uilanguageid), else the base language (Microsoft,
 * "Label ComplexType"; "Create solutions that support multiple languages"); choices are formatted
 * in the user's language too (`@OData.Community.Display.V1.FormattedValue`).
 *
 * The demo rep's user settings say French (1036); the application user has none (1033).
 */
import { startHarness, type Harness } from '../dataverse/fixtures/harness';

let h: Harness;
let repToken: string;
beforeAll(async () => {
  // world: false: the emulator's default world, with the connector's built zip imported into it.
  h = await startHarness({ world: false });
  repToken = await h.identity.userToken(h.dv.url, 'rep');
});
afterAll(async () => h.close());

type Label = { LocalizedLabels: Array<{ Label: string; LanguageCode: number }>; UserLocalizedLabel: { Label: string; LanguageCode: number } | null };

async function contractDisplayName(token?: string): Promise<Label> {
  const r = await h.api("EntityDefinitions(LogicalName='dtclm_contract')?$select=DisplayName", token ? { token } : {});
  expect(r.status).toBe(200);
  return r.body.DisplayName as Label;
}

test('a table imported from the zip keeps its English and French names (LocalizedLabels)', async () => {
  const label = await contractDisplayName();
  expect(label.LocalizedLabels.map((l) => [l.LanguageCode, l.Label])).toEqual([
    [1033, 'Contract (CLM)'],
    [1036, 'Contrat (CLM)'],
  ]);
});

test('UserLocalizedLabel is in the caller language: English for the application user, French for the French rep', async () => {
  expect((await contractDisplayName()).UserLocalizedLabel).toMatchObject({ Label: 'Contract (CLM)', LanguageCode: 1033 });
  expect((await contractDisplayName(repToken)).UserLocalizedLabel).toMatchObject({ Label: 'Contrat (CLM)', LanguageCode: 1036 });
  // The English caller's answer is not changed by the French one before it.
  expect((await contractDisplayName()).UserLocalizedLabel).toMatchObject({ Label: 'Contract (CLM)', LanguageCode: 1033 });
});

test("a choice's options come in the caller's language (PicklistAttributeMetadata OptionSet)", async () => {
  const path =
    "EntityDefinitions(LogicalName='dtclm_contract')/Attributes(LogicalName='dtclm_status')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet";
  const first = async (token?: string) => {
    const r = await h.api(path, token ? { token } : {});
    expect(r.status).toBe(200);
    return (r.body.OptionSet.Options as Array<{ Value: number; Label: Label }>).find((o) => o.Value === 718900000)!.Label;
  };
  expect((await first()).UserLocalizedLabel?.Label).toBe('Draft');
  const french = await first(repToken);
  expect(french.UserLocalizedLabel?.Label).toBe('Brouillon');
  expect(french.LocalizedLabels.map((l) => l.LanguageCode)).toEqual([1033, 1036]);
});

test('a formatted choice value is in the caller language (statecode of a contact: Active / Actif)', async () => {
  const read = async (token?: string) => {
    const r = await h.api('contacts?$select=statecode&$filter=statecode eq 0&$top=1', { annotations: true, ...(token ? { token } : {}) });
    expect(r.status).toBe(200);
    return r.body.value[0]['statecode@OData.Community.Display.V1.FormattedValue'];
  };
  expect(await read()).toBe('Active');
  expect(await read(repToken)).toBe('Actif');
});
