import { SCIMMY } from 'scimmy-routers';

/**
 * What Microsoft Entra ID sends in a PATCH and SCIMMY does not take as is (Microsoft, "Known issues
 * and resolutions with SCIM 2.0 protocol compliance of the Microsoft Entra user provisioning
 * service"): operation names in any case ("Replace": SCIMMY takes those), booleans as the strings
 * "True"/"False", and attribute paths fully qualified with the core schema URN
 * (`urn:ietf:params:scim:schemas:core:2.0:User:roleId`), which RFC 7644 section 3.10 allows.
 * This turns those into the plain form before SCIMMY applies the PatchOp; anything else is left to
 * SCIMMY to accept or refuse.
 */
interface Operation {
  op?: unknown;
  path?: unknown;
  value?: unknown;
}

const CORE_URNS = ['urn:ietf:params:scim:schemas:core:2.0:User:', 'urn:ietf:params:scim:schemas:core:2.0:Group:'];

function unqualified(path: string): string {
  const urn = CORE_URNS.find((u) => path.toLowerCase().startsWith(u.toLowerCase()));
  return urn ? path.slice(urn.length) : path;
}

function isBooleanAttribute(definition: typeof SCIMMY.Schemas.User.definition, path: string): boolean {
  try {
    return String(definition.attribute(path.replace(/\[.*?\]/g, '')).type) === 'boolean';
  } catch {
    return false;
  }
}

function booleanOf(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  return value;
}

export function normalizeEntraPatch(body: unknown, resource: 'Users' | 'Groups'): unknown {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { Operations?: unknown }).Operations)) return body;
  const definition = resource === 'Users' ? SCIMMY.Schemas.User.definition : SCIMMY.Schemas.Group.definition;
  const operations = (body as { Operations: Operation[] }).Operations.map((operation) => {
    if (!operation || typeof operation !== 'object') return operation;
    if (typeof operation.path === 'string') {
      const path = unqualified(operation.path);
      return { ...operation, path, value: isBooleanAttribute(definition, path) ? booleanOf(operation.value) : operation.value };
    }
    if (operation.value && typeof operation.value === 'object' && !Array.isArray(operation.value)) {
      const value = Object.fromEntries(
        Object.entries(operation.value as Record<string, unknown>).map(([key, v]) => {
          const name = unqualified(key);
          return [name, isBooleanAttribute(definition, name) ? booleanOf(v) : v];
        }),
      );
      return { ...operation, value };
    }
    return operation;
  });
  return { ...body, Operations: operations };
}
