/** A value built on first use and kept: how the composition root defers every part until a request needs it. */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
