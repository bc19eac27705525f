import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { lexicon } from '../../server/src/core/lexicon';

// Catastrophic backtracking shows as time growing much faster than the input. Each pattern runs
// over hostile inputs of n and 4n characters in the same process; a linear pattern takes about
// 4× as long, a quadratic one about 16×. The bound (10×, plus a small floor for timer noise)
// fails only for super-linear growth.
const HOSTILE = [
  'patients ',
  'co-co-',
  'people with people who ',
  'the ',
  'a'.repeat(50) + ' ',
  '(((( 2019 ',
  'we will be ',
  'young people, ',
  'paid and trained and ',
  "residents' panel members ",
  '- - - ',
  'co-produced with co-designed by ',
];

function timeMs(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

function growth(run: (text: string) => void, unit: string, n: number): { ratio: number; small: number; large: number } {
  const small = unit.repeat(Math.ceil(n / unit.length));
  const large = unit.repeat(Math.ceil((4 * n) / unit.length));
  const t1 = timeMs(() => run(small));
  const t4 = timeMs(() => run(large));
  return { ratio: t4 / Math.max(t1, 0.5), small: t1, large: t4 };
}

describe('no catastrophic backtracking', () => {
  const lex = lexicon();
  const patterns = [
    ...lex.claims.map((c) => [c.id, c.regex] as const),
    ...lex.nonClaims.map((c) => [c.id, c.regex] as const),
    ...lex.evidence.map((c) => [c.id, c.regex] as const),
    ['own-work', lex.ownWork] as const,
    ['users', lex.users] as const,
  ];

  it('every lexicon pattern grows linearly on hostile input', () => {
    const slow: string[] = [];
    for (const [id, regex] of patterns) {
      for (const unit of HOSTILE) {
        const { ratio, large } = growth(
          (text) => {
            regex.lastIndex = 0;
            while (regex.exec(text)) {
              /* drain */
            }
          },
          unit,
          8_000,
        );
        if (ratio > 10 && large > 5) slow.push(`${id} on ${JSON.stringify(unit)}: ×${ratio.toFixed(1)} (${large.toFixed(1)} ms)`);
      }
    }
    assert.deepEqual(slow, []);
  });

  it('the whole analysis grows linearly on hostile documents', () => {
    const units = [
      'We co-produced this with patients through a survey. ',
      '- patients co-lead\n',
      '> quoted co-design\n',
      '| co-design | survey |\n',
      '## Co-production\n\n',
      'co-designed co-designed co-designed ',
    ];
    for (const unit of units) {
      const { ratio, large } = growth((text) => analyze(text), unit, 20_000);
      assert.ok(ratio < 10 || large < 20, `${JSON.stringify(unit)}: ×${ratio.toFixed(1)} (${large.toFixed(1)} ms at 80k characters)`);
    }
  });

  it('the whole analysis grows linearly on runs of white space, dense inline markup and lazy lines in one paragraph', () => {
    const cases: [string, string, string][] = [
      // [before, repeated unit, after]
      ['The team', ' ', 'decided. We co-produced this with patients.'],
      ['', '*a **a ', ' co-designed with patients'],
      ['', '![[', ' co-designed with patients'],
      ['', '*a_ ', ' co-designed with patients'],
      ['> co-designed with patients', '\nlazy', '\n'],
      ['- co-designed with patients', '\nlazy', '\n'],
      ['', 'e`', ' co-designed with patients'],
      ['', '</<!--', ' co-designed with patients'],
    ];
    for (const [before, unit, after] of cases) {
      const { ratio, large } = growth((text) => analyze(`${before}${text}${after}`), unit, 20_000);
      assert.ok(ratio < 10 || large < 20, `${JSON.stringify(unit)}: ×${ratio.toFixed(1)} (${large.toFixed(1)} ms at 80k characters)`);
    }
  });
});
