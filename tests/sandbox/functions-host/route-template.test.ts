import { byPrecedence, compileRoute } from '../../../sandbox/functions-host/route-template';

describe('Azure Functions route templates', () => {
  it('matches literals case-insensitively and captures parameters', () => {
    const r = compileRoute('contracts/{contractId}/validation');
    expect(r.match('contracts/abc/validation')).toEqual({ contractId: 'abc' });
    expect(r.match('Contracts/abc/VALIDATION')).toEqual({ contractId: 'abc' });
    expect(r.match('contracts/abc')).toBeNull();
    expect(r.match('contracts/abc/validation/extra')).toBeNull();
  });

  it('URL-decodes parameter values', () => {
    expect(compileRoute('files/{name}').match('files/a%20b%2Fc')).toEqual({ name: 'a b/c' });
  });

  it('lets a trailing optional parameter be left out', () => {
    const r = compileRoute('admin/users/{systemUserId?}');
    expect(r.match('admin/users')).toEqual({});
    expect(r.match('admin/users/42')).toEqual({ systemUserId: '42' });
  });

  it('applies int and guid constraints', () => {
    expect(compileRoute('items/{id:int}').match('items/12')).toEqual({ id: '12' });
    expect(compileRoute('items/{id:int}').match('items/x')).toBeNull();
    const g = compileRoute('contracts/{id:guid}');
    expect(g.match('contracts/5e7e55e0-1a2b-4c3d-8e4f-000000000001')).not.toBeNull();
    expect(g.match('contracts/not-a-guid')).toBeNull();
  });

  it('captures the rest of the path with a catch-all', () => {
    expect(compileRoute('static/{*path}').match('static/a/b/c.js')).toEqual({ path: 'a/b/c.js' });
  });

  it('orders literal segments before parameters', () => {
    const routes = [compileRoute('items/{id}'), compileRoute('items/special'), compileRoute('items/{id:int}')];
    expect(routes.sort(byPrecedence).map((r) => r.template)).toEqual(['items/special', 'items/{id:int}', 'items/{id}']);
  });
});
