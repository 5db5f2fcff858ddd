/**
 * infra/main.bicep as a syntax tree, parsed with the Bicep grammar for tree-sitter
 * (tree-sitter-bicep, maintained under tree-sitter-grammars; prebuilt binaries ship inside the npm
 * package, nothing is downloaded). It is a parser, not the Bicep compiler: it finds syntax errors and
 * lets the tests read declarations, objects and arrays instead of matching text, but it does not
 * check resource types or property names against Azure's (only `az bicep build` does that).
 */
import Parser from 'tree-sitter';
import Bicep from 'tree-sitter-bicep';

export type BicepNode = Parser.SyntaxNode;

export function parseBicep(source: string): BicepNode {
  const parser = new Parser();
  parser.setLanguage(Bicep as unknown as Parser.Language);
  return parser.parse(source).rootNode;
}

/** Where the parser found the text not to be Bicep (ERROR or MISSING nodes), as `line:column text`. */
export function syntaxErrors(root: BicepNode): string[] {
  const out: string[] = [];
  const visit = (n: BicepNode) => {
    if (n.type === 'ERROR' || n.isMissing)
      out.push(`${n.startPosition.row + 1}:${n.startPosition.column + 1} ${n.isMissing ? `missing ${n.type}` : n.text.slice(0, 40)}`);
    else if (n.hasError) n.children.forEach(visit);
  };
  visit(root);
  return out;
}

type DeclarationKind = 'parameter' | 'variable' | 'resource' | 'output';

/** The top-level `param`/`var`/`resource`/`output` declarations, by name. */
export function declarations(root: BicepNode, kind: DeclarationKind): Map<string, BicepNode> {
  const type = `${kind}_declaration`;
  return new Map(root.namedChildren.filter((n) => n.type === type).map((n) => [n.namedChildren[0]!.text, n]));
}

export function declaration(root: BicepNode, kind: DeclarationKind, name: string): BicepNode {
  const found = declarations(root, kind).get(name);
  if (!found) throw new Error(`main.bicep declares no ${kind} ${name}`);
  return found;
}

/** A resource's type, e.g. `Microsoft.Web/sites@2024-04-01`. */
export function resourceType(resource: BicepNode): string {
  return stringValue(resource.namedChildren[1]!);
}

/** The body of a resource: its object, also inside `if (...)` or `[for ...: {...}]`. */
export function resourceBody(resource: BicepNode): BicepNode {
  const body = resource.namedChildren.find((n) => ['object', 'if_statement', 'for_statement'].includes(n.type));
  if (!body) throw new Error(`resource ${resource.namedChildren[0]!.text} has no body`);
  if (body.type === 'object') return body;
  const object = body.namedChildren.find((n) => n.type === 'object');
  if (!object) throw new Error(`resource ${resource.namedChildren[0]!.text}: no object in its ${body.type}`);
  return object;
}

/** The array a `[for x in [...]: ...]` resource loops over. */
export function loopItems(resource: BicepNode): BicepNode[] {
  const loop = resource.namedChildren.find((n) => n.type === 'for_statement');
  const array = loop?.namedChildren.find((n) => n.type === 'array');
  if (!array) throw new Error(`resource ${resource.namedChildren[0]!.text} is not a loop over an array literal`);
  return array.namedChildren;
}

/** The value of `key` in an object node, or undefined. */
export function property(object: BicepNode, key: string): BicepNode | undefined {
  if (object.type !== 'object') throw new Error(`not an object: ${object.text.slice(0, 40)}`);
  const prop = object.namedChildren.find((p) => p.type === 'object_property' && propertyKey(p) === key);
  return prop?.namedChildren[1];
}

/** The value at a dotted path of object keys, e.g. `properties.siteConfig.cors`. */
export function at(object: BicepNode, path: string): BicepNode {
  let node = object;
  for (const key of path.split('.')) {
    const next = property(node, key);
    if (!next) throw new Error(`no ${path} (stopped at ${key})`);
    node = next;
  }
  return node;
}

function propertyKey(prop: BicepNode): string {
  const key = prop.namedChildren[0]!;
  return key.type === 'string' ? stringValue(key) : key.text;
}

/** The value of a string literal without interpolation. */
export function stringValue(node: BicepNode): string {
  if (node.type !== 'string') throw new Error(`not a string: ${node.text.slice(0, 40)}`);
  if (node.namedChildren.some((c) => c.type === 'interpolation')) throw new Error(`an interpolated string: ${node.text}`);
  return node.namedChildren
    .filter((c) => c.type === 'string_content' || c.type === 'escape_sequence')
    .map((c) => (c.type === 'escape_sequence' ? c.text.slice(1) : c.text))
    .join('');
}

/** `node`, or the expression of the variable it names (followed until it is not a variable name). */
export function resolveVariable(root: BicepNode, node: BicepNode): BicepNode {
  const vars = declarations(root, 'variable');
  let current = node;
  for (let hops = 0; current.type === 'identifier' && vars.has(current.text); hops++) {
    if (hops > 20) throw new Error(`variables refer to each other in a loop at ${node.text}`);
    current = vars.get(current.text)!.namedChildren[1]!;
  }
  return current;
}

/**
 * Names used as values that no declaration, loop variable or Bicep built-in function declares:
 * what `az bicep build` reports as BCP057 ("The name does not exist in the current context").
 */
export function undeclaredNames(root: BicepNode, builtins: ReadonlySet<string>): string[] {
  const declared = new Set<string>();
  for (const kind of ['parameter', 'variable', 'resource', 'output'] as const) for (const name of declarations(root, kind).keys()) declared.add(name);
  for (const loop of root.descendantsOfType('for_statement')) declared.add(loop.childForFieldName('initializer')?.text ?? '');
  const used = root.descendantsOfType('identifier').filter((id) => {
    const parent = id.parent!;
    // Names that are not references: the declared name itself, an object key, a loop variable, a type.
    if (parent.type.endsWith('_declaration') && parent.namedChildren[0]!.id === id.id) return false;
    if (parent.type === 'object_property' && parent.namedChildren[0]!.id === id.id) return false;
    if (parent.type === 'for_statement' && parent.childForFieldName('initializer')?.id === id.id) return false;
    return true;
  });
  const unknown = used.filter((id) => !declared.has(id.text) && !builtins.has(id.text));
  return [...new Set(unknown.map((id) => `${id.text} (line ${id.startPosition.row + 1})`))];
}
