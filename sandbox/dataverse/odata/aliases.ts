/**
 * Parameter aliases ("Use OData to query data", Use parameter aliases with query options): in
 * `$filter` and `$orderby`, `@p1` stands for the value of the query parameter `@p1`, replaced before
 * parsing; an alias without a value "is assumed to be null". Text inside string literals is left alone.
 * They are refused inside `$expand` ("but not inside the $expand option"), with the code `0x0` of the
 * OData library that refuses them there (MicrosoftDocs/powerapps-docs#2285); the wording is ours.
 */
import { badRequest } from '../errors';
import { outsideLiterals } from './outside-literals';

/** `$filter=@p1 ne @p3&@p1=revenue`: each alias replaced by its value, `null` when none is given. */
export function substituteAliases(text: string, params: URLSearchParams): string {
  return outsideLiterals(text, (code) => code.replace(/@([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => params.get(`@${name}`) ?? 'null'));
}

const ALIAS = /@[A-Za-z_][A-Za-z0-9_]*/;

/** `$expand` holding an alias outside its string literals is refused. */
export function refuseAliasesInExpand(expand: string): void {
  let found = false;
  outsideLiterals(expand, (code) => ((found ||= ALIAS.test(code)), code));
  if (found) throw badRequest('Parameter aliases cannot be used inside the $expand query option.', '0x0');
}
