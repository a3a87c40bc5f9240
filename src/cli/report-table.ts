import type { ImportReport } from '../server/modules/meetings/import/report.js';

const n = (x: number) => x.toLocaleString('en-US');

/** Per-code warning listings are cut here in the table; `--json` has them all. */
const WARNINGS_PER_CODE = 20;

/** The import report as a readable table: counts, every rejected meeting, warnings by kind. */
export function formatReport(r: ImportReport): string {
  const lines: string[] = [];
  const title = `${r.dry_run ? 'Dry run of import' : 'Import'} #${r.import_id ?? '-'} into "${r.source.name}" (${r.format}): ${r.status.toUpperCase()} in ${(r.duration_ms / 1000).toFixed(2)} s`;
  lines.push(title, '');
  if (r.error)
    lines.push(`Error: ${r.error}`, 'Nothing was changed. The counts below are of what was read before the error.', '');
  const c = r.counts;
  const rows: [string, number][] = [
    ['meetings in feed', c.total],
    ['added', c.added],
    ['changed', c.changed],
    ['removed', c.removed],
    ['unchanged', c.unchanged],
    ['rejected', c.rejected],
    ['warnings', c.warnings],
  ];
  const w = Math.max(...rows.map(([, v]) => n(v).length));
  for (const [label, value] of rows) lines.push(`  ${label.padEnd(17)} ${n(value).padStart(w)}`);
  if (r.dry_run && r.status === 'succeeded') lines.push('', 'Dry run: nothing was written.');

  if (r.rejected.length > 0) {
    lines.push('', 'Rejected meetings (not imported):');
    const slugWidth = Math.min(40, Math.max(6, ...r.rejected.map((x) => (x.slug ?? `#${x.index}`).length)));
    lines.push(`  ${'slug'.padEnd(slugWidth)}  reason`);
    for (const x of r.rejected) {
      const slug = (x.slug ?? `(item #${x.index})`).slice(0, 40).padEnd(slugWidth);
      x.reasons.forEach((reason, i) =>
        lines.push(`  ${i === 0 ? slug : ' '.repeat(slugWidth)}  ${reason.code}: ${reason.message}`),
      );
    }
  }
  if (r.warnings.length > 0) {
    const byCode = new Map<string, typeof r.warnings>();
    for (const warning of r.warnings) byCode.set(warning.code, [...(byCode.get(warning.code) ?? []), warning]);
    lines.push('', 'Warnings (imported, but worth a look):');
    for (const [code, list] of byCode) {
      lines.push(`  ${code} (${n(list.length)})`);
      for (const warning of list.slice(0, WARNINGS_PER_CODE)) lines.push(`    ${warning.slug}: ${warning.message}`);
      if (list.length > WARNINGS_PER_CODE) lines.push(`    … and ${n(list.length - WARNINGS_PER_CODE)} more (see --json)`);
    }
  }
  const unknown = Object.entries(r.unknown_types);
  if (unknown.length > 0)
    lines.push('', `Type codes not in the spec (kept as custom types): ${unknown.map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  if (r.truncated) lines.push('', 'The lists above were cut at 10,000 entries; the counts are complete.');
  return lines.join('\n');
}
