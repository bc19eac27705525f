import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toProse } from '../../server/src/core/markdown';
import { splitSentences } from '../../server/src/core/sentences';

describe('prose extraction', () => {
  it('keeps block text aligned with source offsets', () => {
    const text = '# Title\n\nSome *emphasis* and a [link](https://example.org/co-produced) here.\n';
    const doc = toProse(text);
    for (const block of doc.blocks) assert.equal(block.text.length, block.end - block.start);
    const paragraph = doc.blocks.find((b) => b.kind === 'paragraph')!;
    assert.equal(paragraph.text.indexOf('emphasis'), text.indexOf('emphasis') - paragraph.start);
    assert.ok(!paragraph.text.includes('example.org'), 'link URLs are not prose');
    assert.ok(paragraph.text.includes('link'), 'link text is prose');
  });

  it('never reads code, HTML or front matter', () => {
    const text = [
      '---',
      'title: A co-produced study',
      '---',
      '',
      '```',
      'co-produced in code',
      '```',
      '',
      '<div>co-produced in html</div>',
      '',
      'Inline `co-produced` code and prose.',
      '',
    ].join('\n');
    const doc = toProse(text);
    const all = doc.blocks.map((b) => b.text).join('\n');
    assert.ok(!all.includes('co-produced'), all);
    assert.ok(all.includes('prose'));
  });

  it('reads list items, table cells, headings and block quotes', () => {
    const text = '## Heading\n\n- item one\n- item two\n\n| a | b |\n|---|---|\n| cell | other |\n\n> quoted words\n';
    const doc = toProse(text);
    const kinds = doc.blocks.map((b) => b.kind);
    assert.deepEqual(kinds, ['heading', 'paragraph', 'paragraph', 'tableCell', 'tableCell', 'tableCell', 'tableCell', 'paragraph']);
    const items = doc.blocks.filter((b) => b.text.includes('item'));
    assert.equal(items[0]!.group, items[1]!.group, 'items of one list share a scope');
    assert.ok(doc.blocks[doc.blocks.length - 1]!.quoted);
  });

  it('collects HTML comments with offsets, also inline ones', () => {
    const text = '<!-- coprod-lens-disable -->\n\nText <!-- inline --> more.\n';
    const doc = toProse(text);
    assert.deepEqual(
      doc.comments.map((c) => text.slice(c.start, c.end)),
      ['<!-- coprod-lens-disable -->', '<!-- inline -->'],
    );
  });

  it('closes sections at the next heading of the same or higher rank', () => {
    const text = '# A\n\n## B\n\nb\n\n### C\n\nc\n\n## D\n\nd\n';
    const doc = toProse(text);
    const [a, b, c, d] = doc.sections;
    assert.equal(a!.end, text.length);
    assert.equal(b!.end, text.indexOf('## D'));
    assert.equal(c!.parent, 1);
    assert.equal(d!.parent, 0);
  });

  it('keeps offsets exact after astral characters', () => {
    const text = '😀😀 Intro.\n\nThe study was co-produced.\n';
    const doc = toProse(text);
    const block = doc.blocks[1]!;
    assert.equal(text.slice(block.start, block.end), 'The study was co-produced.');
  });
});

describe('sentences', () => {
  it('splits on sentence ends and keeps exact spans', () => {
    const text = 'We consulted carers. Patients co-led the analysis! Did it work? Yes.';
    const spans = splitSentences(text);
    assert.deepEqual(
      spans.map((s) => text.slice(s.start, s.end)),
      ['We consulted carers.', 'Patients co-led the analysis!', 'Did it work?', 'Yes.'],
    );
  });

  it('does not split after abbreviations and initials', () => {
    const text = 'Brandsen et al. (2016) define it, e.g. as shown by J. Smith. Next one.';
    const spans = splitSentences(text);
    assert.equal(spans.length, 2);
  });

  it('splits at blank lines', () => {
    assert.equal(splitSentences('one line\n\nanother line').length, 2);
  });
});
