/**
 * Tests of the TextMate injection grammar syntaxes/coprod-lens.injection.tmLanguage.json, run
 * offline with vscode-textmate and vscode-oniguruma (the wasm is read from node_modules).
 *
 * VS Code's Markdown grammar is not available here, so most tests load the injection grammar
 * itself as the root grammar: its top-level `patterns` then apply the way they apply inside
 * Markdown. A second group injects it into a small stand-in for the Markdown grammar (only the
 * rules the injection selector and the comment priority depend on) to check the selector's
 * exclusions, the left-injection priority over HTML comments and that citations are not scoped
 * twice when the injection re-applies inside its own groups.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IOnigLib, type IRawGrammar, type StateStack } from 'vscode-textmate';

// out/test/grammar/grammar.test.js → repository root.
const repoRoot = path.join(__dirname, '..', '..', '..');
const grammarPath = path.join(repoRoot, 'syntaxes', 'coprod-lens.injection.tmLanguage.json');
const wasmPath = path.join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');

const SCOPE = 'coprod-lens.injection';
const SELECTOR = 'L:text.html.markdown -markup.fenced_code -markup.inline.raw -markup.raw.block -meta.embedded.block.frontmatter -comment';

const PANDOC = 'meta.citation.pandoc.coprod-lens';
const KEY = 'entity.name.tag.citation-key.coprod-lens';
const AT = 'punctuation.definition.citation.coprod-lens';
const SUPPRESS_AUTHOR = 'punctuation.definition.suppress-author.coprod-lens';
const AUTHOR_DATE = 'meta.citation.author-date.coprod-lens';
const YEAR = 'constant.numeric.year.coprod-lens';
const LOCATOR = 'meta.locator.coprod-lens';
const SEPARATOR = 'punctuation.separator.citation.coprod-lens';
const SUPPRESSION = 'comment.block.suppression.coprod-lens';
const DIRECTIVE = 'keyword.control.directive.coprod-lens';
const RULE_ID = 'constant.other.rule-id.coprod-lens';
const HTML_COMMENT = 'comment.block.html';

/** Scopes this grammar adds (anything ending in .coprod-lens). */
const OURS = (scope: string): boolean => scope.endsWith('.coprod-lens');

/**
 * Stand-in for VS Code's Markdown grammar (microsoft/vscode-markdown-tm-grammar), reduced to the
 * rules that matter here: fenced code, inline code, and the HTML comment both as Markdown's html
 * block starts it (`(^|\G)\s*(<!--)`, leading indentation included) and as inline HTML.
 */
const MARKDOWN_STAND_IN = {
  scopeName: 'text.html.markdown',
  patterns: [
    {
      begin: '(^|\\G)(\\s*)(`{3,}|~{3,})\\s*(?=([^`]*)?$)',
      end: '(^|\\G)(\\2|\\s{0,3})(\\3)\\s*$',
      name: 'markup.fenced_code.block.markdown',
    },
    { begin: '(^|\\G)\\s*(<!--)', end: '-->', name: HTML_COMMENT },
    { begin: '<!--', end: '-->', name: HTML_COMMENT },
    { begin: '(`+)', end: '\\1', name: 'markup.inline.raw.string.markdown' },
  ],
};

let rawJson: Record<string, unknown>;
let injection: IGrammar;
let markdown: IGrammar;

before(async () => {
  const wasm = fs.readFileSync(wasmPath);
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const onigLib: Promise<IOnigLib> = Promise.resolve({
    createOnigScanner: (patterns: string[]) => oniguruma.createOnigScanner(patterns),
    createOnigString: (text: string) => oniguruma.createOnigString(text),
  });
  const text = fs.readFileSync(grammarPath, 'utf8');
  rawJson = JSON.parse(text) as Record<string, unknown>;
  const raw = parseRawGrammar(text, grammarPath);
  const standIn = parseRawGrammar(JSON.stringify(MARKDOWN_STAND_IN), 'markdown.tmLanguage.json');

  const alone = new Registry({ onigLib, loadGrammar: async (scope) => (scope === SCOPE ? raw : null) });
  const loaded = await alone.loadGrammar(SCOPE);
  assert.ok(loaded, 'the injection grammar loads as a root grammar');
  injection = loaded;

  const grammars: Record<string, IRawGrammar> = { [SCOPE]: raw, 'text.html.markdown': standIn };
  const injected = new Registry({
    onigLib,
    loadGrammar: async (scope) => grammars[scope] ?? null,
    getInjections: (scope) => (scope === 'text.html.markdown' ? [SCOPE] : undefined),
  });
  const md = await injected.loadGrammar('text.html.markdown');
  assert.ok(md, 'the Markdown stand-in loads');
  markdown = md;
});

interface Token {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

/** Tokenize one or more lines (split on \n), carrying the rule stack from line to line. */
function tokenize(text: string, grammar: IGrammar = injection): Token[] {
  const out: Token[] = [];
  let stack: StateStack = INITIAL;
  text.split('\n').forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const t of result.tokens) out.push({ line: index, start: t.startIndex, end: t.endIndex, scopes: t.scopes });
    stack = result.ruleStack;
  });
  return out;
}

/**
 * The scopes every character of `substring` carries (its `occurrence`-th appearance in `text`,
 * counting from 0): the intersection of the scopes of the tokens it overlaps. The substring must
 * not cross a line break.
 */
function scopesAt(text: string, substring: string, occurrence = 0, grammar: IGrammar = injection): string[] {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(substring, index + 1);
    assert.ok(index >= 0, `${JSON.stringify(substring)} (occurrence ${occurrence}) is not in ${JSON.stringify(text)}`);
  }
  assert.ok(!substring.includes('\n'), 'scopesAt looks inside one line');
  const line = text.slice(0, index).split('\n').length - 1;
  const start = index - (text.lastIndexOf('\n', index - 1) + 1);
  const end = start + substring.length;
  const tokens = tokenize(text, grammar).filter((t) => t.line === line && t.start < end && t.end > start);
  assert.ok(tokens.length > 0, `no token covers ${JSON.stringify(substring)}`);
  return tokens.slice(1).reduce<string[]>((common, t) => common.filter((s) => t.scopes.includes(s)), [...tokens[0]!.scopes]);
}

/** Every scope of ours anywhere in the text. */
function ourScopes(text: string, grammar: IGrammar = injection): string[] {
  return [...new Set(tokenize(text, grammar).flatMap((t) => t.scopes.filter(OURS)))].sort();
}

function assertHas(scopes: readonly string[], ...expected: string[]): void {
  for (const scope of expected) assert.ok(scopes.includes(scope), `expected ${scope} in [${scopes.join(', ')}]`);
}

function assertLacks(scopes: readonly string[], ...unexpected: string[]): void {
  for (const scope of unexpected) assert.ok(!scopes.includes(scope), `did not expect ${scope} in [${scopes.join(', ')}]`);
}

const count = (scopes: readonly string[], scope: string): number => scopes.filter((s) => s === scope).length;

describe('grammar file', () => {
  it('is an injection grammar into Markdown with the agreed selector', () => {
    assert.equal(rawJson.scopeName, SCOPE);
    assert.equal(rawJson.injectionSelector, SELECTOR);
    assert.ok(Array.isArray(rawJson.patterns) && rawJson.patterns.length > 0, 'top-level patterns');
  });

  it('every regex compiles in Oniguruma, every include resolves, every scope is ours', () => {
    const repository = (rawJson.repository ?? {}) as Record<string, unknown>;
    const problems: string[] = [];
    let regexes = 0;
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${where}[${i}]`));
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if ((key === 'match' || key === 'begin' || key === 'end' || key === 'while') && typeof value === 'string') {
          regexes++;
          try {
            oniguruma.createOnigScanner([value]).dispose();
          } catch (error) {
            problems.push(`${where}.${key}: ${String(error)}`);
          }
        } else if (key === 'include' && typeof value === 'string') {
          if (!(value === '$self' || value === '$base' || (value.startsWith('#') && value.slice(1) in repository))) problems.push(`${where}: unresolved include ${value}`);
        } else if ((key === 'name' || key === 'contentName') && typeof value === 'string' && where !== '$') {
          if (!value.split(' ').every(OURS)) problems.push(`${where}.${key}: ${value} does not end in .coprod-lens`);
        } else {
          visit(value, `${where}.${key}`);
        }
      }
    };
    visit(rawJson, '$');
    assert.deepEqual(problems, []);
    assert.ok(regexes >= 10, `found ${regexes} regexes`);
  });
});

describe('pandoc citations', () => {
  it('[@brandsen2016]: a bracketed group with a key', () => {
    const line = 'As argued [@brandsen2016].';
    assertHas(scopesAt(line, '[@brandsen2016]'), PANDOC);
    assertHas(scopesAt(line, '@'), PANDOC, AT);
    assertLacks(scopesAt(line, '@'), KEY);
    assertHas(scopesAt(line, 'brandsen2016'), PANDOC, KEY);
    assertLacks(scopesAt(line, 'As argued '), PANDOC);
    assertLacks(scopesAt(line, '.', 0), PANDOC);
  });

  it('[see @brandsen2016, p. 4; @nef2013]: prefix, locator and a second key', () => {
    const line = 'Power is shared [see @brandsen2016, p. 4; @nef2013] in practice.';
    assertHas(scopesAt(line, '[see @brandsen2016, p. 4; @nef2013]'), PANDOC);
    assertHas(scopesAt(line, 'brandsen2016'), PANDOC, KEY);
    assertHas(scopesAt(line, 'nef2013'), PANDOC, KEY);
    assertHas(scopesAt(line, '@', 1), PANDOC, AT);
    assertHas(scopesAt(line, ';'), PANDOC, SEPARATOR);
    assertHas(scopesAt(line, 'p. 4'), PANDOC, LOCATOR);
    assertLacks(scopesAt(line, 'see'), KEY);
    assertLacks(scopesAt(line, ' in practice.'), PANDOC);
  });

  it('[-@key]: author suppressed', () => {
    const line = 'Brandsen and Honingh [-@brandsen2016] distinguish eight types.';
    assertHas(scopesAt(line, '-@brandsen2016'), PANDOC);
    assertHas(scopesAt(line, '-'), PANDOC, SUPPRESS_AUTHOR);
    assertHas(scopesAt(line, '@'), AT);
    assertHas(scopesAt(line, 'brandsen2016'), KEY);
  });

  it('narrative @brandsen2016 in running text', () => {
    const line = '@brandsen2016 argue that co-production is more than consultation, as does @nef2013.';
    assertHas(scopesAt(line, '@brandsen2016'), PANDOC);
    assertHas(scopesAt(line, '@', 0), AT);
    assertHas(scopesAt(line, 'brandsen2016'), KEY);
    assertHas(scopesAt(line, 'nef2013'), PANDOC, KEY);
    // The sentence's full stop is not part of the key.
    assertLacks(scopesAt(line, '.', line.split('.').length - 2), KEY);
  });

  it('not an e-mail address', () => {
    const line = 'Write to a@b.com or jane.doe@example.org for details.';
    assert.deepEqual(ourScopes(line), []);
  });

  it('not a URL path or a Markdown link', () => {
    assert.deepEqual(ourScopes('See https://medium.com/@nef2013 for the blog.'), []);
    assert.deepEqual(ourScopes('[the report](https://example.org/@nef2013) is online.'), []);
  });

  it('[3]: a numeric bracket is not a pandoc citation', () => {
    const line = 'Involvement improves relevance [3].';
    assertLacks(scopesAt(line, '[3]'), PANDOC);
    assert.deepEqual(ourScopes(line), []);
  });
});

describe('author-date citations', () => {
  it('(Brandsen & Honingh, 2016)', () => {
    const line = 'Co-production is defined (Brandsen & Honingh, 2016).';
    assertHas(scopesAt(line, '(Brandsen & Honingh, 2016)'), AUTHOR_DATE);
    assertHas(scopesAt(line, '2016'), AUTHOR_DATE, YEAR);
    assertLacks(scopesAt(line, 'Brandsen'), YEAR);
    assertLacks(scopesAt(line, 'is defined '), AUTHOR_DATE);
    assertLacks(scopesAt(line, '.'), AUTHOR_DATE);
  });

  it('(Vennik et al., 2016; New Economics Foundation, 2013)', () => {
    const line = 'Others agree (Vennik et al., 2016; New Economics Foundation, 2013).';
    assertHas(scopesAt(line, '(Vennik et al., 2016; New Economics Foundation, 2013)'), AUTHOR_DATE);
    assertHas(scopesAt(line, '2016'), YEAR);
    assertHas(scopesAt(line, '2013'), YEAR);
    assertHas(scopesAt(line, ';'), AUTHOR_DATE, SEPARATOR);
  });

  it('(see Voorberg et al., 2015a, p. 3)', () => {
    const line = 'A systematic review (see Voorberg et al., 2015a, p. 3) found few outcomes.';
    assertHas(scopesAt(line, '(see Voorberg et al., 2015a, p. 3)'), AUTHOR_DATE);
    assertHas(scopesAt(line, '2015a'), YEAR);
    assertHas(scopesAt(line, 'p. 3'), LOCATOR);
    assertLacks(scopesAt(line, '3'), YEAR);
  });

  it('narrative: Brandsen and Honingh (2016)', () => {
    const line = 'Brandsen and Honingh (2016) distinguish eight types.';
    assertHas(scopesAt(line, '2016'), AUTHOR_DATE, YEAR);
    assertHas(scopesAt(line, 'Brandsen and Honingh (2016)'), AUTHOR_DATE);
    assertLacks(scopesAt(line, ' distinguish'), AUTHOR_DATE);
  });

  it('narrative: Vennik et al. (2016) and New Economics Foundation (2013, p. 4)', () => {
    const line = 'Vennik et al. (2016) and New Economics Foundation (2013, p. 4) agree.';
    assertHas(scopesAt(line, 'Vennik et al. (2016)'), AUTHOR_DATE);
    assertHas(scopesAt(line, '2016'), YEAR);
    assertHas(scopesAt(line, 'New Economics Foundation (2013, p. 4)'), AUTHOR_DATE);
    assertHas(scopesAt(line, '2013'), YEAR);
    assertHas(scopesAt(line, 'p. 4'), LOCATOR);
    assertLacks(scopesAt(line, ' and '), AUTHOR_DATE);
  });

  it('(2016) alone is not a citation', () => {
    assert.deepEqual(ourScopes('The pilot ran (2016) in two wards.'), []);
    assert.deepEqual(ourScopes('(2016)'), []);
    assert.deepEqual(ourScopes('In (2016) we started.'), []);
  });

  it('co-production (a term) is not a citation', () => {
    assert.deepEqual(ourScopes('We use co-production (a term) loosely.'), []);
    assert.deepEqual(ourScopes('A panel (Phase 2) met (monthly, 12 times).'), []);
  });
});

describe('suppression comments', () => {
  it('<!-- coprod-lens-disable-next-line consultation-only -->', () => {
    const line = '<!-- coprod-lens-disable-next-line consultation-only -->';
    assertHas(scopesAt(line, line), SUPPRESSION);
    assertHas(scopesAt(line, 'coprod-lens-disable-next-line'), SUPPRESSION, DIRECTIVE);
    assertHas(scopesAt(line, 'consultation-only'), SUPPRESSION, RULE_ID);
    assertLacks(scopesAt(line, 'consultation-only'), DIRECTIVE);
    assertLacks(scopesAt(line, '-->'), RULE_ID);
  });

  it('<!-- coprod-lens-disable --> without rule ids', () => {
    const line = '<!-- coprod-lens-disable -->';
    assertHas(scopesAt(line, line), SUPPRESSION);
    assertHas(scopesAt(line, 'coprod-lens-disable'), DIRECTIVE);
    assert.ok(!tokenize(line).some((t) => t.scopes.includes(RULE_ID)), 'no rule id');
  });

  it('<!-- coprod-lens-enable rule-a rule-b --> (and with commas)', () => {
    const line = '<!-- coprod-lens-enable rule-a rule-b -->';
    assertHas(scopesAt(line, 'coprod-lens-enable'), SUPPRESSION, DIRECTIVE);
    assertHas(scopesAt(line, 'rule-a'), SUPPRESSION, RULE_ID);
    assertHas(scopesAt(line, 'rule-b'), SUPPRESSION, RULE_ID);
    assertLacks(scopesAt(line, ' rule-b'), RULE_ID);
    const commas = '<!--coprod-lens-enable rule-a,rule-b-->';
    assertHas(scopesAt(commas, 'rule-a'), RULE_ID);
    assertHas(scopesAt(commas, 'rule-b'), RULE_ID);
    assertLacks(scopesAt(commas, ','), RULE_ID);
    assertLacks(scopesAt(commas, '-->'), RULE_ID);
  });

  it('a comment that spans lines, then prose after it', () => {
    const text = '<!-- coprod-lens-disable\n  consultation-only -->\nAs argued [@brandsen2016].';
    assertHas(scopesAt(text, 'consultation-only'), SUPPRESSION, RULE_ID);
    assertHas(scopesAt(text, 'brandsen2016'), KEY);
    assertLacks(scopesAt(text, 'brandsen2016'), SUPPRESSION);
  });

  it('a normal HTML comment is not a suppression comment', () => {
    assert.deepEqual(ourScopes('<!-- note -->'), []);
    assert.deepEqual(ourScopes('<!-- note: coprod-lens-disable -->'), []);
    assert.deepEqual(ourScopes('<!-- coprod-lens-disabled -->'), []);
  });
});

describe('injected into Markdown (stand-in grammar)', () => {
  it('suppression comments win over the HTML comment, also when indented', () => {
    for (const line of ['<!-- coprod-lens-disable-next-line consultation-only -->', '  <!-- coprod-lens-disable -->', 'Text <!-- coprod-lens-enable rule-a --> text']) {
      const scopes = scopesAt(line, 'coprod-lens-', 0, markdown);
      assertHas(scopes, 'text.html.markdown', SUPPRESSION, DIRECTIVE);
      assertLacks(scopes, HTML_COMMENT);
    }
  });

  it('a normal HTML comment stays an HTML comment, and nothing inside it is a citation', () => {
    const line = '<!-- note: see @brandsen2016 and (Brandsen & Honingh, 2016) -->';
    assertHas(scopesAt(line, 'note', 0, markdown), HTML_COMMENT);
    assert.deepEqual(ourScopes(line, markdown), []);
  });

  it('no citations in inline code or fenced code', () => {
    assert.deepEqual(ourScopes('Use `[@brandsen2016]` or `(Brandsen, 2016)` in the text.', markdown), []);
    const fenced = '```markdown\n[see @brandsen2016; @nef2013] (Brandsen & Honingh, 2016)\n<!-- coprod-lens-disable -->\n```\nAfter @nef2013.';
    const tokens = tokenize(fenced, markdown);
    assert.deepEqual([...new Set(tokens.filter((t) => t.line < 4).flatMap((t) => t.scopes.filter(OURS)))], []);
    assertHas(scopesAt(fenced, 'nef2013', 1, markdown), KEY);
  });

  it('citations are scoped once, not again by the injection inside their own group', () => {
    const line = 'Shared [see @brandsen2016, p. 4; @nef2013] and [-@voorberg2015] and (Vennik et al., 2016; NEF, 2013).';
    for (const key of ['brandsen2016', 'nef2013', 'voorberg2015']) {
      const scopes = scopesAt(line, key, 0, markdown);
      assertHas(scopes, 'text.html.markdown', KEY);
      assert.equal(count(scopes, PANDOC), 1, `${key}: [${scopes.join(', ')}]`);
    }
    const year = scopesAt(line, '2016', 1, markdown); // the first 2016 is inside brandsen2016
    assertHas(year, YEAR);
    assert.equal(count(year, AUTHOR_DATE), 1);
  });
});

describe('no catastrophic backtracking', () => {
  // Hostile inputs: near-misses of every pattern, repeated. Each regex is drained over n and 4n
  // characters (the way the tokenizer searches: from the end of each match on): a linear regex
  // takes about 4× as long, a quadratic one about 16×. The bound (10×, plus a floor for timer and
  // GC noise, confirmed by a second measurement) fails only for super-linear growth; a regex that
  // is already slow at n fails at once instead of running for minutes at 4n.
  const HOSTILE = [
    '[@a ',
    '[see ',
    '[@brandsen2016; x ',
    '; @a',
    '; see ',
    '@a.',
    '@@',
    'a@b.c ',
    '-@a ',
    '(Smith, 20 ',
    '(Smith et al., 2016; ',
    '(A ',
    '(see ',
    'Smith and Jones ',
    'Aa Bb Cc Dd ',
    'A'.repeat(50) + ' ',
    'et al. (',
    '(2016) ',
    '<!-- ',
    '<!-- coprod-lens-disable a, ',
    'p. 4 ',
    '[[[[ ',
    '(((( 2019 ',
    'a-',
  ];

  function bestMs(fn: () => void, runs = 5): number {
    let best = Infinity;
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      fn();
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    }
    return best;
  }

  function regexesOf(node: unknown, out: string[] = []): string[] {
    if (Array.isArray(node)) node.forEach((n) => regexesOf(n, out));
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if ((key === 'match' || key === 'begin' || key === 'end' || key === 'while') && typeof value === 'string') out.push(value);
        else regexesOf(value, out);
      }
    }
    return out;
  }

  it('every regex grows linearly on hostile input', () => {
    const drain = (scanner: oniguruma.OnigScanner, text: oniguruma.OnigString): void => {
      let position = 0;
      while (position <= text.content.length) {
        const match = scanner.findNextMatchSync(text, position);
        if (!match) return;
        const end = match.captureIndices[0]!.end;
        position = end > position ? end : position + 1;
      }
    };
    // A fresh OnigString for every run: the scanner caches its last result per string.
    const drainFresh = (scanner: oniguruma.OnigScanner, text: string): void => {
      const onigString = oniguruma.createOnigString(text);
      drain(scanner, onigString);
      onigString.dispose();
    };
    const growth = (scanner: oniguruma.OnigScanner, unit: string): { ratio: number; large: number } => {
      const small = unit.repeat(Math.ceil(2_000 / unit.length));
      const t1 = bestMs(() => drainFresh(scanner, small));
      if (t1 > 100) return { ratio: Infinity, large: t1 };
      const large = unit.repeat(Math.ceil(8_000 / unit.length));
      const t4 = bestMs(() => drainFresh(scanner, large));
      return { ratio: t4 / Math.max(t1, 0.5), large: t4 };
    };
    const slow: string[] = [];
    const regexes = regexesOf(rawJson);
    assert.ok(regexes.length >= 10);
    for (const regex of regexes) {
      const scanner = oniguruma.createOnigScanner([regex]);
      for (const unit of HOSTILE) {
        const first = growth(scanner, unit);
        if (first.ratio <= 10 || first.large <= 20) continue;
        const second = growth(scanner, unit);
        if (second.ratio > 10 && second.large > 20) slow.push(`${regex} on ${JSON.stringify(unit)}: ×${second.ratio.toFixed(1)} (${second.large.toFixed(1)} ms)`);
      }
      scanner.dispose();
    }
    assert.deepEqual(slow, []);
  });

  it('hostile lines up to VS Code’s 20,000-character tokenization limit tokenize quickly', () => {
    const slow: string[] = [];
    for (const unit of HOSTILE) {
      for (const [prefix, suffix] of [['', ''], ['[@a ', ']'], ['(Smith, 2016; ', ')'], ['<!-- coprod-lens-disable ', '-->']] as const) {
        const line = (n: number): string => prefix + unit.repeat(Math.ceil(n / unit.length)) + suffix;
        const short = bestMs(() => injection.tokenizeLine(line(2_000), INITIAL), 1);
        const ms = short > 100 ? short : bestMs(() => injection.tokenizeLine(line(20_000), INITIAL), 2);
        if (ms > 1_000 || short > 100) slow.push(`${JSON.stringify(prefix + unit + suffix)}: ${ms.toFixed(0)} ms`);
      }
    }
    assert.deepEqual(slow, []);
  });
});
