import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, md } from './helpers';

const RULE = 'co-design-not-co-production';
const CO_DESIGN_EVIDENCE =
  'Young people generated and prioritised the features in a series of co-design workshops, and decided with us which ideas were built.';

describe(RULE, () => {
  it('flags a co-production claim evidenced at co-design level', () => {
    const text = md(`The app has been co-produced with young people. ${CO_DESIGN_EVIDENCE}`);
    const [finding, ...rest] = findings(text, RULE);
    assert.equal(rest.length, 0);
    assert.ok(finding);
    assert.equal(finding.severity, 'information');
    assert.equal(finding.assessment!.evidenced, 6);
    assert.match(finding.message, /co-design/);
    assert.match(finding.message, /more than one stage|roles and resources/);
  });

  it('does not flag a co-design claim with the same evidence', () => {
    const text = md(`The app has been co-designed with young people. ${CO_DESIGN_EVIDENCE}`);
    assert.deepEqual(findings(text), []);
  });

  it('does not flag co-production that is seen through', () => {
    const text = md(
      'The app has been co-produced with young people.',
      `${CO_DESIGN_EVIDENCE} Two young co-leads, paid for their time, co-chair the steering group, and young researchers will co-deliver the evaluation.`,
    );
    assert.deepEqual(findings(text, RULE), []);
    assert.deepEqual(findings(text, 'consultation-only'), []);
  });
});
