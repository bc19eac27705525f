import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, md } from './helpers';

const RULE = 'unevidenced-claim';

describe(RULE, () => {
  it('flags a claim with no involvement activity anywhere in its scope', () => {
    const text = md('# Plan', '', 'This project is co-produced with patients.', '', '## Methods', '', 'A cohort study of 300 adults.');
    const [finding] = findings(text, RULE);
    assert.ok(finding);
    assert.equal(finding.text, 'co-produced');
    assert.equal(finding.severity, 'information');
    assert.equal(finding.assessment!.scope, 'none');
  });

  it('flags a claim whose words run across a link with a long address (masked as spaces)', () => {
    const url = `https://example.org/${'projects/community-health/'.repeat(12)}design-notes`;
    const text = md('# Plan', '', `The app was [developed](${url}) together with young people.`);
    assert.ok(url.length > 300);
    const found = findings(text, RULE);
    assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.text)));
    assert.match(found[0]!.text, /^developed/);
  });

  it('does not flag a claim with evidence in the involvement section', () => {
    const text = md(
      '## Summary',
      '',
      'This project is co-produced with patients.',
      '',
      '## Patient involvement',
      '',
      'Patients co-lead the study, co-chair its steering group and, paid for their time, co-analyse the data and co-author the papers.',
    );
    assert.deepEqual(findings(text), []);
  });

  it('does not flag a claim that has weak evidence (that is consultation-only)', () => {
    const text = md('This project is co-produced with patients, who answered an online survey.');
    assert.deepEqual(findings(text, RULE), []);
    assert.equal(findings(text, 'consultation-only').length, 1);
  });
});
