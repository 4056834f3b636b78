import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the reliability and security suites leave their figures (docs/reliability.md quotes them). */
export const FIGURES_DIR = join(__dirname, '../../.tmp/reliability');

/**
 * Writes one suite's figures as JSON beside the others (one file per database tier) and prints
 * them in the test output.
 */
export function saveFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  const tier = process.env.E2E_DATABASE_URL ? 'mariadb' : 'sqlite';
  const text = JSON.stringify({ ...figures, recordedAt: new Date().toISOString() }, null, 2);
  writeFileSync(join(FIGURES_DIR, `${name}.${tier}.json`), `${text}\n`);
  process.stdout.write(`\n[figures] ${name}: ${JSON.stringify(figures)}\n`);
}

/** The p-th percentile (nearest rank) of some durations; 0 for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
