import { createAppTokenProvider, isLoopbackHttp } from '../../../functions/src/adapters/dataverse';

describe('Dataverse app token settings', () => {
  it('accepts an http authority on loopback only (the sandbox identity emulator)', () => {
    expect(isLoopbackHttp('http://127.0.0.1:5000')).toBe(true);
    expect(isLoopbackHttp('http://localhost:5000')).toBe(true);
    expect(isLoopbackHttp('http://[::1]:5000')).toBe(true);
    expect(isLoopbackHttp('http://login.example.com')).toBe(false);
    expect(isLoopbackHttp('https://login.microsoftonline.com')).toBe(false);
  });

  it('refuses to send the client secret over http to another machine', async () => {
    const getToken = createAppTokenProvider({
      dataverseUrl: 'https://contoso.crm4.dynamics.com',
      tenantId: 't',
      clientId: 'c',
      clientSecret: 's',
      authorityHost: 'http://login.example.com',
    });
    await expect(getToken()).rejects.toThrow(/https/);
  });
});
