/** The code of a query option outside its string literals, where aliases and lambdas are looked for. */

/** Applies `replace` to the stretches of `text` outside single-quoted literals ('' is a quote inside one). */
export function outsideLiterals(text: string, replace: (code: string) => string): string {
  let out = '';
  let code = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "'") {
      code += text[i];
      continue;
    }
    out += replace(code);
    code = '';
    let j = i + 1;
    while (j < text.length && !(text[j] === "'" && text[j + 1] !== "'")) j += text[j] === "'" ? 2 : 1;
    out += text.slice(i, j + 1);
    i = j;
  }
  return out + replace(code);
}
