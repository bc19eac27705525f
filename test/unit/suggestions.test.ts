import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { md } from './helpers';

function suggested(text: string): string[] {
  const finding = analyze(text).findings.find((f) => f.rule === 'consultation-only');
  assert.ok(finding, 'the fixture should give a consultation-only finding');
  return finding.suggestions.map((s) => s.id);
}

const RESEARCH_PAPERS = ['oliver2019', 'rycroftmalone2016', 'clarke2019', 'cooke2017', 'filipe2017', 'orr2012', 'smith2015', 'nutbrown2015'];

describe('suggested reading', () => {
  it('every claim finding carries three suggestions with id, author, year and citation', () => {
    const text = md('The service will be co-designed with residents. We will run an online survey.');
    const finding = analyze(text).findings[0]!;
    assert.equal(finding.suggestions.length, 3);
    for (const s of finding.suggestions) {
      assert.match(s.id, /^[a-z]+\d{4}$/);
      assert.ok(s.author.length > 0);
      assert.match(s.year, /^\d{4}$/);
      assert.match(s.citation, /^\(.+, \d{4}\)$/);
    }
    assert.equal(finding.fixes.filter((f) => f.title.startsWith('Cite ')).length, 3);
    assert.equal(finding.fixes.find((f) => f.preferred)?.title.startsWith('Cite '), true);
  });

  it('a mental-health passage ranks NEF 2013 or Lwembe 2017 in the top three', () => {
    const ids = suggested(
      md('The recovery college course for people with psychosis and severe depression will be co-produced with service users. We will run two focus groups.'),
    );
    assert.ok(ids.includes('nef2013') || ids.includes('lwembe2017'), ids.join(', '));
  });

  it('an integrated-care passage ranks Kaehne 2018', () => {
    const ids = suggested(
      md('The integrated health and social care pathway for hospital discharge will be co-designed with carers. Carers will complete a questionnaire.'),
    );
    assert.ok(ids.includes('kaehne2018'), ids.join(', '));
  });

  it('a health-research passage ranks one of the research co-production papers', () => {
    const ids = suggested(
      md('This NIHR trial protocol was co-produced with patients. Our PPI panel reviewed the plain English summary, and qualitative data collection will follow.'),
    );
    assert.ok(ids.some((id) => RESEARCH_PAPERS.includes(id)), ids.join(', '));
  });

  it('the citation is written in the document\'s own style', () => {
    const numeric = analyze(md('The service will be co-designed with residents. We ran a survey [1].', '', '## References', '', '1. Smith J. A study. 2019.'));
    assert.match(numeric.findings.find((f) => f.rule === 'consultation-only')!.suggestions[0]!.citation, /^\[\d+\]$/);
    const pandoc = analyze(md('The service will be co-designed with residents [@smith2019]. We ran a survey.'));
    assert.match(pandoc.findings.find((f) => f.rule === 'consultation-only')!.suggestions[0]!.citation, /^\[@[a-z]+\d{4}\]$/);
  });
});
