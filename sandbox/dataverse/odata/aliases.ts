/**
 * Parameter aliases ("Use OData to query data", Use parameter aliases with query options): in
 * `$filter` and `$orderby`, `@p1` stands for the value of the query parameter `@p1`, replaced before
 * parsing; an alias without a value "is assumed to be null". Text inside string literals is left alone.
 */
import { outsideLiterals } from './outside-literals';

/** `$filter=@p1 ne @p3&@p1=revenue`: each alias replaced by its value, `null` when none is given. */
export function substituteAliases(text: string, params: URLSearchParams): string {
  return outsideLiterals(text, (code) => code.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => params.get(`@${name}`) ?? 'null'));
}
