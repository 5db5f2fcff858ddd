import { ConfigError, loadConfig } from '../../../functions/src/config';

const valid = {
  DATAVERSE_URL: 'https://contoso.crm4.dynamics.com/',
  AZURE_TENANT_ID: '11111111-1111-1111-1111-111111111111',
  AZURE_CLIENT_ID: '22222222-2222-2222-2222-222222222222',
  AZURE_CLIENT_SECRET: 'not-a-real-secret',
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
};

describe('loadConfig (connector-api.md Settings)', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(valid);
    expect(c.dataverseUrl).toBe('https://contoso.crm4.dynamics.com');
    expect(c.authorityHost).toBe('https://login.microsoftonline.com');
    expect(c.connectorAudience).toBe(`api://${valid.AZURE_CLIENT_ID}`);
    expect(c.scim).toBeUndefined();
    expect(c.clmRetry.maxAttempts).toBeGreaterThan(1);
  });

  it.each(['DATAVERSE_URL', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AzureWebJobsStorage'])('names a missing %s', (name) => {
    const env: Record<string, string | undefined> = { ...valid, [name]: undefined };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('names a malformed URL or tunable, and never echoes the secret', () => {
    try {
      loadConfig({ ...valid, DATAVERSE_URL: 'contoso', CLM_MAX_ATTEMPTS: 'many' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).settings.sort()).toEqual(['CLM_MAX_ATTEMPTS', 'DATAVERSE_URL']);
      expect((e as Error).message).not.toContain(valid.AZURE_CLIENT_SECRET);
    }
  });

  it('takes CONNECTOR_AUDIENCE, AZURE_AUTHORITY_HOST and SCIM when given', () => {
    const c = loadConfig({
      ...valid,
      CONNECTOR_AUDIENCE: 'api://custom',
      AZURE_AUTHORITY_HOST: 'http://127.0.0.1:9999/',
      SCIM_URL: 'https://api.dilitrust.com/api/scim/v2/',
      SCIM_TOKEN: 't',
    });
    expect(c.connectorAudience).toBe('api://custom');
    expect(c.authorityHost).toBe('http://127.0.0.1:9999');
    expect(c.scim?.url).toBe('https://api.dilitrust.com/api/scim/v2');
  });
});
