import type { ReportTable, TargetCheck } from './suite.js';

/** Renders a table as aligned plain text (numbers right-aligned, everything else left). */
export function renderTable(table: ReportTable): string {
  const widths = table.columns.map((column, index) => Math.max(column.length, ...table.rows.map((row) => (row[index] ?? '').length)));
  const numeric = /^[-+]?[\d.,]+(\s|×|x|$)|^n\/a$|^—$/;
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => {
        const width = widths[index] ?? 0;
        return index > 1 && numeric.test(cell) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  const out = [table.title, rule, line(table.columns), rule, ...table.rows.map(line), rule];
  for (const note of table.notes ?? []) out.push(`  ${note}`);
  return out.join('\n');
}

export function renderTargets(targets: TargetCheck[]): string {
  if (targets.length === 0) return '';
  const nameWidth = Math.max(...targets.map((target) => target.name.length));
  const ruleWidth = Math.max(...targets.map((target) => target.rule.length));
  return targets
    .map((target) => `  ${target.pass ? 'PASS' : 'FAIL'}  ${target.name.padEnd(nameWidth)}  ${target.rule.padEnd(ruleWidth)}  ${target.measured}`)
    .join('\n');
}

/** Formats a number with a fixed number of significant-looking decimals for its size. */
export function formatNumber(value: number | undefined, unit = ''): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const text = value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return unit ? `${text} ${unit}` : text;
}

export function formatRatio(numerator: number | undefined, denominator: number | undefined): string {
  if (numerator === undefined || denominator === undefined || !Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) {
    return '—';
  }
  return `${(numerator / denominator).toFixed(2)}×`;
}
