import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BUNDLED_REFERENCES } from '../../server/src/core/citations/bundled';
import { authorDate, formatEntry, formatLive, toBibtex } from '../../server/src/core/citations/format';
import FORMATTED from '../../server/data/formatted-references.json';
import { firstAuthor, yearOf, type CslItem } from '../../server/src/core/citations/database';

const root = join(__dirname, '..', '..', '..');
const byId = (id: string): CslItem => BUNDLED_REFERENCES.find((r) => r.id === id)!;

describe('the reference database', () => {
  it('holds every entry of the chapter reference list, and the chapter', () => {
    const seed = readFileSync(join(root, 'test', 'fixtures', 'chapter-reference-list.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    assert.equal(seed.length, 40);
    const forms = BUNDLED_REFERENCES.map((r) => r.custom?.chapterForm);
    for (const line of seed) assert.ok(forms.includes(line.trim()), `missing: ${line}`);
    assert.equal(BUNDLED_REFERENCES.length, 41);
    assert.ok(byId('williams2020'));
    assert.equal(byId('williams2020').DOI, '10.1007/978-3-030-36498-4_4');
  });

  it('has unique pandoc-style keys, authors, years, titles and topics', () => {
    const ids = BUNDLED_REFERENCES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of BUNDLED_REFERENCES) {
      assert.match(r.id, /^[a-z]+[0-9]{4}[a-z]?$/, r.id);
      assert.notEqual(firstAuthor(r), 'Anon.', r.id);
      assert.match(yearOf(r), /^[0-9]{4}$/, r.id);
      assert.ok(r.title, r.id);
      assert.ok((r.custom?.topics ?? []).length > 0, r.id);
    }
  });

  it('records the corrections it made to what the chapter printed', () => {
    for (const [id, printed] of [
      ['chen2011', 'Chei'],
      ['fledderus2015', 'Fleddermus'],
      ['vennik2016', 'Vennick'],
      ['vargo2008', 'Magliob'],
      ['croft2016', 'Currie'],
    ] as const) {
      const item = byId(id);
      assert.ok(String(item.note ?? '').includes(printed), `${id} should note the chapter's "${printed}"`);
    }
    assert.equal(firstAuthor(byId('chen2011')), 'Chen');
    assert.match(String(byId('hanson2018').note), /not be verified|unverified/i);
  });
});

describe('formatting with citation-js and the official CSL styles', () => {
  const golden: [string, string, string][] = [
    [
      'brandsen2016',
      'Brandsen, T., & Honingh, M. (2016). Distinguishing different types of coproduction: A conceptual analysis based on the classical definitions. Public Administration Review, 76(3), 427–435. https://doi.org/10.1111/puar.12465',
      'Brandsen T, Honingh M. Distinguishing different types of coproduction: A conceptual analysis based on the classical definitions. Public Administration Review. 2016;76(3):427–35.',
    ],
    [
      'huxham2005',
      'Huxham, C., & Vangen, S. (2005). Managing to collaborate: The theory and practice of collaborative advantage. Routledge.',
      'Huxham C, Vangen S. Managing to collaborate: The theory and practice of collaborative advantage. New York: Routledge; 2005.',
    ],
    [
      'nef2013',
      'New Economics Foundation. (2013). Co-production in mental health: A literature review. New Economics Foundation. https://neweconomics.org/uploads/files/ca0975b7cd88125c3e_ywm6bp3l1.pdf',
      'New Economics Foundation. Co-production in mental health: A literature review [Internet]. London: New Economics Foundation; 2013. Available from: https://neweconomics.org/uploads/files/ca0975b7cd88125c3e_ywm6bp3l1.pdf',
    ],
    [
      'williams2020',
      'Williams, S. J., & Caley, L. (2020). Defining co-production. In Improving Healthcare Services: Coproduction, Codesign and Operations. Palgrave Pivot. https://doi.org/10.1007/978-3-030-36498-4_4',
      'Williams SJ, Caley L. Defining co-production. In: Improving Healthcare Services: Coproduction, Codesign and Operations. Cham: Palgrave Pivot; 2020.',
    ],
  ];
  for (const [id, apa, vancouver] of golden) {
    it(`${id} (${byId(id).type}) in APA and Vancouver`, () => {
      assert.equal(formatEntry(byId(id), 'apa'), apa);
      assert.equal(formatEntry(byId(id), 'vancouver'), vancouver);
    });
  }

  it('in-text author-date citations follow APA (two authors with &, three or more with et al.)', () => {
    assert.equal(authorDate(byId('brandsen2016')), 'Brandsen & Honingh, 2016');
    assert.equal(authorDate(byId('bovaird2019')), 'Bovaird et al., 2019');
    assert.equal(authorDate(byId('nef2013')), 'New Economics Foundation, 2013');
  });

  it('BibTeX uses the pandoc key', () => {
    assert.match(toBibtex(byId('brandsen2016')), /^@article\{brandsen2016,/);
  });

  it('the precomputed forms of the bundled references are what citation-js gives now (else run `npm run data`)', () => {
    assert.deepEqual(Object.keys(FORMATTED).sort(), BUNDLED_REFERENCES.map((r) => r.id).sort());
    for (const item of BUNDLED_REFERENCES) assert.deepEqual(formatLive(item), (FORMATTED as Record<string, unknown>)[item.id], item.id);
  });

  it('an item that is not the bundled one is formatted by citation-js, even under a bundled key', () => {
    const edited: CslItem = { ...byId('brandsen2016'), title: 'A different title' };
    assert.match(formatEntry(edited, 'apa'), /A different title/);
    assert.match(toBibtex(edited), /A different title/);
    assert.equal(authorDate({ ...edited, issued: { 'date-parts': [[2099]] } }), 'Brandsen & Honingh, 2099');
  });
});
