/**
 * Every key path under a locale tree, plural suffixes folded ("left_one" → "left"): for tests that hold the
 * languages to the same texts.
 */
export function localeKeys(tree: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
    const path = `${prefix}${k.replace(/_(one|other)$/, '')}`;
    if (v && typeof v === 'object') localeKeys(v, `${path}.`).forEach((x) => out.add(x));
    else out.add(path);
  }
  return out;
}
