/**
 * Lambda operators (`nav/any(x:...)`, `nav/all(x:...)`, "Filter rows using OData"): @odata/parser
 * refuses a lambda nested in another one, which the article documents, so each lambda is cut out
 * here before parsing and its predicate parsed on its own.
 */
import { badRequest } from '../errors';
import { outsideLiterals } from './outside-literals';

interface LambdaText {
  op: 'any' | 'all';
  navigation: string;
  /** The predicate with the lambda variable's `x/` taken off, so it reads as a filter on the related table. */
  predicate?: string;
}

/** The name the parser reads in place of a lambda; the parse step puts the lambda back. */
export const LAMBDA_PLACEHOLDER = 'EmulatorLambdaPlaceholder';

/** Finds the first `/any(` or `/all(` outside literals at or after `from`. */
function nextLambda(text: string, from: number): { at: number; op: 'any' | 'all' } | undefined {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "'") quoted = !quoted;
    if (quoted) continue;
    const m = /^\/(any|all)\s*\(/.exec(text.slice(i, i + 6));
    if (m) return { at: i, op: m[1] as 'any' | 'all' };
  }
  return undefined;
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "'") quoted = !quoted;
    if (quoted) continue;
    if (text[i] === '(') depth++;
    if (text[i] === ')' && --depth === 0) return i;
  }
  throw badRequest(`Syntax error in $filter: '${text}'.`);
}

/** Cuts the outermost lambdas out of a filter, each replaced by a placeholder call the parser reads. */
export function extractLambdas(text: string): { text: string; lambdas: LambdaText[] } {
  const lambdas: LambdaText[] = [];
  let out = text;
  let from = 0;
  for (let found = nextLambda(out, from); found; found = nextLambda(out, from)) {
    const pathStart = /[A-Za-z0-9_/]*$/.exec(out.slice(0, found.at))!.index;
    const path = out.slice(pathStart, found.at).split('/');
    if (path.length !== 1 || !path[0]) {
      // "You can't include conditions on collection-valued navigation properties that are nested in a lookup navigation property."
      throw badRequest(`Lambda operators apply to a collection-valued navigation property of the entity: '${out.slice(pathStart, found.at)}' is not one.`);
    }
    const open = out.indexOf('(', found.at);
    const close = closingParen(out, open);
    const body = out.slice(open + 1, close).trim();
    const lambda: LambdaText = { op: found.op, navigation: path[0] };
    if (body) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*:([\s\S]*)$/.exec(body);
      if (!m) throw badRequest(`Syntax error in $filter: '${body}' is not a lambda expression (variable:predicate).`);
      const variable = new RegExp(`(^|[^A-Za-z0-9_/$@.])${m[1]}/`, 'g');
      lambda.predicate = outsideLiterals(m[2], (code) => code.replace(variable, '$1'));
    } else if (found.op === 'all') throw badRequest(`Syntax error in $filter: 'all' needs a predicate.`);
    const placeholder = `Microsoft.Dynamics.CRM.${LAMBDA_PLACEHOLDER}(PropertyName='${lambdas.length}')`;
    lambdas.push(lambda);
    out = out.slice(0, pathStart) + placeholder + out.slice(close + 1);
    from = pathStart + placeholder.length;
  }
  return { text: out, lambdas };
}
