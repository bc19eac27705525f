import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';

interface Passage {
  readonly id: string;
  readonly category: string;
  readonly flag: boolean;
  readonly text: string;
}

const root = join(__dirname, '..', '..', '..');
const MINIMUM = 0.9;

function score(file: string): { precision: number; recall: number; misses: string[]; line: string } {
  const passages = JSON.parse(readFileSync(join(root, 'test', 'corpus', file), 'utf8')) as Passage[];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: string[] = [];
  for (const passage of passages) {
    const flagged = analyze(passage.text).findings.some((f) => f.rule === 'consultation-only');
    if (flagged && passage.flag) tp++;
    else if (flagged) {
      fp++;
      misses.push(`false positive: ${passage.id}`);
    } else if (passage.flag) {
      fn++;
      misses.push(`false negative: ${passage.id}`);
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const line = `${file}: ${passages.length} passages, ${tp + fn} to flag; consultation-only precision ${precision.toFixed(3)} (${tp}/${tp + fp}), recall ${recall.toFixed(3)} (${tp}/${tp + fn})`;
  return { precision, recall, misses, line };
}

// Labelled passages written for the domain (consultation-only claims, genuine co-production and
// co-design, honest consultation, traps). Prints the figures; fails below 0.9 for either.
describe('labelled corpus', () => {
  for (const file of ['passages.json', 'validation.json', 'holdout.json', 'blind.json', 'blind-2.json']) {
    it(`${file}: precision and recall of consultation-only are at least ${MINIMUM}`, (t) => {
      const result = score(file);
      t.diagnostic(result.line);
      console.log(result.line);
      assert.ok(result.precision >= MINIMUM && result.recall >= MINIMUM, `${result.line}\n${result.misses.join('\n')}`);
    });
  }
});
