import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lexicon } from '../../server/src/core/lexicon';
import { GOES_ON, matchStarts, WHOLE, type MatchStarts } from '../../server/src/core/match-starts';

/** The first characters allowed, as a sorted string. */
function firsts(starts: MatchStarts | undefined): string {
  if (!starts) return '(anywhere)';
  let out = '';
  for (let c = 0; c < starts.first.length; c++) if (starts.first[c]) out += String.fromCharCode(c);
  return out;
}

/** Whether a match of `length` characters at `p` in `text` is allowed by `starts`. */
function allows(starts: MatchStarts, text: string, p: number, length: number): boolean {
  const c = text.charCodeAt(p);
  if (length === 1) return (starts.first[c]! & WHOLE) !== 0;
  if (!(starts.first[c]! & GOES_ON)) return false;
  const d = text.charCodeAt(p + 1);
  const next = starts.second.get(c)!;
  return d < 128 ? next.ascii[d] === 1 : next.other;
}

/** Every non-empty match of `source` in `text`, as the global search finds them. */
function matches(source: string, text: string): [number, number][] {
  const regex = new RegExp(source, 'g');
  const out: [number, number][] = [];
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    else out.push([m.index, m[0].length]);
  }
  return out;
}

describe('where matches can start (match-starts.ts)', () => {
  it('reads literals, alternatives, classes and optional parts', () => {
    assert.equal(firsts(matchStarts('abc|xy', 256)), 'ax');
    assert.equal(firsts(matchStarts('(?:an?\\s+)?survey', 256)), 'as');
    assert.equal(firsts(matchStarts('[0-9]+ people', 256)), '0123456789');
    assert.equal(firsts(matchStarts('co-?(?:design|produc)', 256)), 'c');
    assert.equal(firsts(matchStarts('(?<![A-Za-z0-9])(?:peer|lay)(?![A-Za-z0-9])', 256)), 'lp');
    assert.equal(firsts(matchStarts('(?=a)b|c{0,2}d', 256)), 'bcd');
    assert.equal(firsts(matchStarts('(?=b){1}b|(?!c){0,}d', 256)), 'bd', 'a quantified look-ahead consumes nothing');
  });

  it('tells pairs apart: "co" and "cu" start different matches', () => {
    const starts = matchStarts('co-?design|cup', 256)!;
    assert.equal(allows(starts, 'codesign', 0, 8), true);
    assert.equal(allows(starts, 'cup', 0, 3), true);
    assert.equal(allows(starts, 'ca', 0, 2), false);
    assert.equal(allows(matchStarts('a|ab', 256)!, 'a', 0, 1), true, 'a one-character match');
  });

  it('gives no answer for patterns that can match nothing, start anywhere, or it does not follow', () => {
    for (const source of ['a?', '(?:x|)', '\\bfoo|', '.+', '[^a]b', '\\Sx', '(?<n>x)\\k<n>', '\\p{L}', 'a)', '(a']) {
      assert.equal(matchStarts(source, 256), undefined, source);
    }
  });

  it('reads "{" that is no quantifier as a character, and a back reference as anything', () => {
    assert.equal(firsts(matchStarts('a{2', 256)), 'a');
    assert.equal(firsts(matchStarts('(a)\\1|b', 256)), 'ab');
    assert.equal(allows(matchStarts('(a)\\1|b', 256)!, 'az', 0, 2), true, 'after "a", the back reference may be any character');
    for (const source of ['a{2', '(a)\\1|b']) {
      const starts = matchStarts(source, 256)!;
      for (const text of ['a{2', 'xa{2b', 'aab']) for (const [p, length] of matches(source, text)) assert.ok(allows(starts, text, p, length), `${source} at ${p} in ${text}`);
    }
  });

  it('allows every match of random patterns over random text (soundness)', () => {
    const atom: fc.Arbitrary<string> = fc.letrec<{ re: string; atom: string }>((tie) => ({
      re: fc.oneof(
        { weight: 3, arbitrary: fc.array(tie('atom'), { minLength: 1, maxLength: 4 }).map((a) => a.join('')) },
        { weight: 1, arbitrary: fc.tuple(tie('re'), tie('re')).map(([a, b]) => `${a}|${b}`) },
      ),
      atom: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'c', ' ', '-', '\\s', '\\d', '[ab]', '[a-c]', '[^a]', '.', '\\w', '\\.', '\\-', '[-a]', '[\\s\\d]') },
        { weight: 2, arbitrary: fc.tuple(tie('re'), fc.constantFrom('', '?', '*', '+', '{0,2}', '{1,3}', '{2}', '??', '+?')).map(([r, q]) => `(?:${r})${q}`) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('(?=', '(?!', '(?<=', '(?<!'), tie('re')).map(([open, r]) => `${open}${r})`) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('(?=', '(?!'), tie('re'), fc.constantFrom('{1}', '{0}', '{1,}', '{0,2}')).map(([open, r, q]) => `${open}${r})${q}`) },
        { weight: 1, arbitrary: fc.constantFrom('^', '$', '\\b', '\\B') },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'b', '\\s', '[bc]'), fc.constantFrom('?', '*', '+', '{0,1}')).map(([a, q]) => a + q) },
      ),
    })).re;
    const text = fc.array(fc.constantFrom('a', 'b', 'c', ' ', '-', '1', '.', '\n', 'é'), { maxLength: 16 }).map((chars) => chars.join(''));
    let checked = 0;
    fc.assert(
      fc.property(atom, fc.array(text, { minLength: 1, maxLength: 4 }), (source, texts) => {
        const starts = matchStarts(source, 0x10000);
        if (!starts) return;
        for (const t of texts) {
          for (const [p, length] of matches(source, t)) {
            checked++;
            assert.ok(allows(starts, t, p, length), `/${source}/ matched ${JSON.stringify(t.slice(p, p + length))} at ${p} in ${JSON.stringify(t)}`);
          }
        }
      }),
      { numRuns: 3_000, seed: 11 },
    );
    assert.ok(checked > 1_000, `matches checked (${checked})`);
  });

  it('understands every evidence pattern of the lexicon, and allows every match of it in its examples', () => {
    for (const signal of lexicon().evidence) {
      const starts = matchStarts(signal.regex.source, 0x10000);
      assert.ok(starts, `${signal.id} is understood`);
      for (const example of signal.examples.match) {
        const text = example.toLowerCase();
        for (const [p, length] of matches(signal.regex.source, text)) assert.ok(allows(starts, text, p, length), `${signal.id} in "${example}"`);
      }
    }
  });
});
