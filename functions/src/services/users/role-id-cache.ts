/**
 * Role UUIDs discovered from the CLM's GET /Schemas, kept by the instance (they change only when
 * the CLM's organization is rebuilt) and read again when the CLM refuses one. Lives in the object
 * the composition root builds, never in a module.
 */
import { roleIdsFromSchema, type RoleIds } from '../../domain/provisioning';
import type { ScimClient } from './ports';

export class RoleIdCache {
  private current: Promise<RoleIds> | undefined;

  constructor(private readonly scim: Pick<ScimClient, 'roleIdAttribute'>) {}

  get(): Promise<RoleIds> {
    this.current ??= this.scim.roleIdAttribute().then(
      (attribute) => roleIdsFromSchema(attribute),
      (e: unknown) => {
        this.current = undefined; // a failed read is not kept
        throw e;
      },
    );
    return this.current;
  }

  refresh(): Promise<RoleIds> {
    this.current = undefined;
    return this.get();
  }
}
