import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/core/positions';

describe('offsets to positions', () => {
  it('counts UTF-16 code units, so an emoji is two characters', () => {
    const text = 'a😀b\nsecond';
    const index = new LineIndex(text);
    assert.deepEqual(index.position(text.indexOf('b')), { line: 0, character: 3 });
    assert.deepEqual(index.position(text.indexOf('second')), { line: 1, character: 0 });
  });

  it('treats \\r\\n, \\n and a lone \\r as line breaks', () => {
    const text = 'one\r\ntwo\nthree\rfour';
    const index = new LineIndex(text);
    assert.equal(index.position(text.indexOf('two')).line, 1);
    assert.equal(index.position(text.indexOf('three')).line, 2);
    assert.equal(index.position(text.indexOf('four')).line, 3);
  });

  it('round-trips offsets and clamps out-of-range positions', () => {
    const text = 'first line\nsecond 😀 line\n';
    const index = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) assert.equal(index.offset(index.position(offset)), offset);
    assert.equal(index.offset({ line: 99, character: 0 }), text.length);
    assert.equal(index.offset({ line: 0, character: 999 }), text.indexOf('\n'), 'past the end of a line is its end');
    assert.equal(new LineIndex('a\r\nb').offset({ line: 0, character: 5 }), 1);
    assert.deepEqual(index.position(10_000), index.position(text.length));
  });
});
