import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { RULES } from '../../server/src/core/rules/index';
import type { Rule } from '../../server/src/core/rules/rule';

const root = join(__dirname, '..', '..', '..');

/** A rule with a bug: it reads past the end of the document's blocks. */
const BROKEN: Rule = {
  id: 'broken-rule',
  description: 'A rule that throws.',
  defaultSeverity: 'warning',
  check: ({ doc }) => [{ start: 0, end: doc.blocks[doc.blocks.length + 5]!.end, message: 'never' }] as never,
};

describe('a rule that throws', () => {
  it('is reported in ruleErrors, and every other rule still reports what it reports alone', () => {
    const text = readFileSync(join(root, 'samples', 'health-research-ppi.md'), 'utf8');
    const alone = analyze(text);
    assert.ok(alone.findings.length > 0, 'the sample has findings to compare');
    for (const at of [0, RULES.length]) {
      const rules = [...RULES.slice(0, at), BROKEN, ...RULES.slice(at)];
      const result = analyze(text, undefined, { rules });
      assert.deepEqual(result.ruleErrors.map((e) => e.rule), ['broken-rule']);
      assert.match(result.ruleErrors[0]!.message, /undefined/);
      assert.deepEqual(result.findings, alone.findings, `the broken rule ${at === 0 ? 'first' : 'last'}`);
    }
  });
});
