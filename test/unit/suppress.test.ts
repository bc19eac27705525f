import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, md } from './helpers';

const CLAIM = 'The service will be co-designed with residents.\nWe will run an online survey of residents.';

describe('suppression comments', () => {
  it('disable-next-line covers the paragraph below it', () => {
    assert.equal(findings(md(CLAIM)).length, 1);
    assert.equal(findings(md('<!-- coprod-lens-disable-next-line -->', CLAIM)).length, 0);
    assert.equal(findings(md('<!-- coprod-lens-disable-next-line consultation-only -->', CLAIM)).length, 0);
  });

  it('names rules: another rule id does not suppress', () => {
    assert.equal(findings(md('<!-- coprod-lens-disable-next-line unevidenced-claim -->', CLAIM)).length, 1);
  });

  it('disable/enable regions', () => {
    const text = md('<!-- coprod-lens-disable consultation-only -->', '', CLAIM, '', '<!-- coprod-lens-enable consultation-only -->', '', CLAIM);
    const found = findings(text);
    assert.equal(found.length, 1);
    assert.ok(found[0]!.start > text.indexOf('coprod-lens-enable'));
  });

  it('a disable without enable runs to the end of the file', () => {
    assert.equal(findings(md('<!-- coprod-lens-disable -->', '', CLAIM, '', CLAIM)).length, 0);
  });
});
