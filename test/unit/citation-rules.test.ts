import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { bibliographyPaths } from '../../server/src/core/citations/front-matter';
import { applyEdits } from '../../server/src/core/edits';
import { findings, md } from './helpers';

describe('uncited-definition', () => {
  it('flags a definition of co-production with no citation, and offers to cite a definitions source', () => {
    const text = md('Co-production has been defined as professionals and citizens sharing power and responsibility.');
    const [finding] = findings(text, 'uncited-definition');
    assert.ok(finding);
    assert.equal(finding.severity, 'hint');
    assert.equal(finding.text, 'Co-production');
    assert.ok(finding.suggestions.some((s) => ['brandsen2016', 'williams2020', 'voorberg2015', 'osborne2016'].includes(s.id)));
    assert.ok(finding.fixes.some((f) => f.title.startsWith('Cite ')));
  });

  it('does not flag a cited definition, or a claim', () => {
    assert.deepEqual(findings(md('Co-production has been defined as sharing power (Brandsen & Honingh, 2016).'), 'uncited-definition'), []);
    assert.deepEqual(findings(md('Co-production has been defined as sharing power [@brandsen2016].'), 'uncited-definition'), []);
    assert.deepEqual(findings(md('This study is co-produced with patients, who co-lead it.'), 'uncited-definition'), []);
  });
});

describe('unknown-citation', () => {
  it('flags author-date citations that nothing resolves', () => {
    const text = md('Involvement matters (Smith, 2019).', '', '## References', '', '- Jones, A. (2018). A title.');
    const [finding] = findings(text, 'unknown-citation');
    assert.ok(finding);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /Smith \(2019\)/);
  });

  it('flags pandoc keys no bibliography has, and numbers with no entry', () => {
    assert.equal(findings(md('Text [@nosuchkey2020].'), 'unknown-citation').length, 1);
    assert.equal(findings(md('Text [1, 2].', '', '## References', '', '1. Smith J. A study. 2019.'), 'unknown-citation').length, 1);
  });

  it('does not flag citations the reference list, the chapter list or a bibliography resolves', () => {
    assert.deepEqual(findings(md('Involvement matters (Jones, 2018).', '', '## References', '', '- Jones, A. (2018). A title.'), 'unknown-citation'), []);
    const bib = { path: 'refs.json', text: '[{"id":"smith2019","type":"book","title":"A study","issued":{"date-parts":[[2019]]},"author":[{"family":"Smith","given":"J."}]}]' };
    const text = md('---', 'bibliography: refs.json', '---', '', 'Text [@smith2019].');
    assert.deepEqual(analyze(text, undefined, { bibliographies: [bib] }).findings.filter((f) => f.rule === 'unknown-citation'), []);
  });
});

describe('missing-reference-entry', () => {
  it('flags a chapter-list work cited without an entry, once, and its fix adds the entry', () => {
    const text = md(
      'Types of co-production differ (Brandsen & Honingh, 2016). Again (Brandsen & Honingh, 2016).',
      '',
      '## References',
      '',
      '- Jones, A. (2018). A title.',
    );
    const found = findings(text, 'missing-reference-entry');
    assert.equal(found.length, 1);
    const fixed = applyEdits(text, found[0]!.fixes[0]!.edits);
    assert.match(fixed, /- Brandsen, T\., & Honingh, M\. \(2016\)\. Distinguishing different types of coproduction/);
    assert.ok(fixed.indexOf('Brandsen, T.') < fixed.indexOf('Jones, A.'), 'entries stay alphabetical');
    assert.deepEqual(findings(fixed, 'missing-reference-entry'), []);
  });

  it('for pandoc, adds the item to the front matter when no bibliography file is named', () => {
    const text = md('---', 'title: A bid', '---', '', 'Types differ [@brandsen2016].');
    const [finding] = findings(text, 'missing-reference-entry');
    assert.ok(finding);
    const fixed = applyEdits(text, finding.fixes[0]!.edits);
    assert.match(fixed, /^---\ntitle: A bid\nreferences:\n- \{"id":"brandsen2016"/);
    assert.deepEqual(findings(fixed, 'missing-reference-entry'), []);
  });
});

describe('bibliography files', () => {
  it('a malformed file gives one notice naming it, and the other files still load', () => {
    const good = { path: 'good.json', text: '[{"id":"smith2019","type":"book","title":"A study","issued":{"date-parts":[[2019]]}}]' };
    const bad = { path: 'bad.bib', text: '@article{broken, title={x' };
    const text = md('---', 'bibliography: [good.json, bad.bib]', '---', '', 'Text [@smith2019].');
    const result = analyze(text, undefined, { bibliographies: [good, bad] });
    const notices = result.notices.filter((n) => n.message.includes('bad.bib'));
    assert.equal(notices.length, 1);
    assert.match(notices[0]!.message, /not valid BibTeX/);
    assert.deepEqual(result.findings.filter((f) => f.rule === 'unknown-citation'), []);
  });

  it('BibTeX entries join the database under their keys', () => {
    const bib = { path: 'refs.bib', text: '@book{smith2019, author={Smith, Jane}, title={A study}, publisher={P}, year={2019}}' };
    const text = md('---', 'bibliography: refs.bib', '---', '', 'Text [@smith2019].');
    assert.deepEqual(analyze(text, undefined, { bibliographies: [bib] }).findings, []);
  });

  it('the paths named in front matter are found however the key is written, and none where there is none', () => {
    assert.deepEqual(bibliographyPaths(md('---', 'title: A bid', 'bibliography:', '  - a.bib', '  - b.json', '---', '', 'Text.')), ['a.bib', 'b.json']);
    assert.deepEqual(bibliographyPaths(md('---', '"bibli\\u006fgraphy": refs.bib', '---')), ['refs.bib'], 'a key spelt with an escape');
    assert.deepEqual(bibliographyPaths(md('---', 'base: &b', '  bibliography: x.bib', 'bib: *b', '---')), [], 'a nested key is not the key');
    assert.deepEqual(bibliographyPaths(md('---', 'title: No bibliography here, only a "bibliography" word', '---')), []);
    assert.deepEqual(bibliographyPaths(md('---', 'title: A bid', '---', '', 'bibliography: refs.bib')), [], 'outside the front matter');
  });
});
