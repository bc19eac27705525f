import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, md } from './helpers';

const RULE = 'consultation-only';

describe(`${RULE}: flags`, () => {
  it('a co-design claim backed by a survey and focus groups', () => {
    const text = md(
      '## Involvement',
      '',
      'The new service will be co-designed with residents. We will run an online survey and two focus groups with residents to gather their views.',
    );
    const [finding, ...rest] = findings(text, RULE);
    assert.equal(rest.length, 0);
    assert.equal(finding!.text, 'co-designed');
    assert.equal(finding!.severity, 'warning');
    assert.equal(finding!.assessment!.claim.claimed, 6);
    assert.equal(finding!.assessment!.evidenced, 4);
    assert.match(finding!.message, /"an online survey"/);
    assert.match(finding!.message, /"two focus groups"/);
    assert.ok(finding!.assessment!.evidence.every((e) => text.slice(e.start, e.end).length > 0));
    assert.ok(finding!.assessment!.principlesMissing.includes('power'));
  });

  it('a co-production claim whose PPI panel only reviewed the lay summary', () => {
    const text = md(
      'This study has been co-produced with patients. Our PPI panel reviewed the plain English summary and no changes were needed.',
    );
    const [finding] = findings(text, RULE);
    assert.ok(finding);
    assert.equal(finding.assessment!.claim.claimed, 7);
    assert.match(finding.message, /co-production/);
    assert.match(finding.message, /tokenism marker/);
  });

  it('a summary claim whose evidence sits in the involvement section', () => {
    const text = md(
      '# A trial of a walking programme',
      '',
      '## Plain English summary',
      '',
      'We have co-produced this trial with people living with arthritis.',
      '',
      '## Methods',
      '',
      'A randomised controlled trial in 12 practices.',
      '',
      '## Patient and public involvement',
      '',
      'We consulted 40 patients through an online survey. A lay member will sit on the trial steering committee.',
    );
    const [finding] = findings(text, RULE);
    assert.ok(finding);
    assert.equal(finding.assessment!.scope, 'involvement-section');
    assert.equal(finding.assessment!.evidenced, 5);
  });

  it('a heading that claims for its section', () => {
    const text = md('## Co-design with young carers', '', 'Young carers completed a questionnaire about the activities they would like.');
    const [finding] = findings(text, RULE);
    assert.ok(finding);
    assert.equal(finding.assessment!.claim.isHeading, true);
  });

  it('co-design workshops that are hedged or one-off', () => {
    const hedged = md('We will co-design the toolkit with carers. Where possible, carers will be invited to co-design workshops.');
    const oneOff = md('The app was co-designed with young people at a one-off co-design workshop.');
    assert.equal(findings(hedged, RULE).length, 1);
    assert.equal(findings(oneOff, RULE).length, 1);
  });

  it('partnership rhetoric with only advisory involvement', () => {
    const text = md(
      'Families are equal partners in this project. A parent advisory group will meet quarterly to review progress and advise on recruitment.',
    );
    assert.equal(findings(text, RULE).length, 1);
  });
});

describe(`${RULE}: does not flag`, () => {
  const clean: [string, string][] = [
    [
      'genuine co-production',
      md(
        'This project is co-produced with people with lived experience of psychosis. Two lived-experience co-applicants co-lead the project and co-chair the steering group, where decisions are made jointly.',
        'Four peer researchers, paid in line with NIHR payment guidance and given training and support, will co-analyse the interviews and co-author the papers.',
      ),
    ],
    [
      'consultation beside real power sharing',
      md(
        'The service has been co-produced with tenants. We ran an online survey, and tenants on the project board co-chair it, hold half the seats and decide jointly how the budget is spent; tenant researchers, paid for their time, co-deliver the evaluation and co-author the report.',
      ),
    ],
    ['a definition', md('Co-production has been defined as a relationship in which professionals and citizens share power.')],
    ['literature', md('Voorberg et al. (2015) found that co-creation with citizens is rarely evaluated.')],
    ['a negation', md('We do not describe this work as co-production: we consulted patients through a survey.')],
    ['a hypothetical', md('A later phase may be co-produced with patients if funding allows. We will run a survey.')],
    ['a quoted title', md('We draw on the report "Co-designing services with residents" and will run a survey.')],
    ['a questionnaire item', md('The survey asks: “Do you feel the service was co-designed with you?” and we will consult residents.')],
    ['a question', md('Was the service co-designed with patients? We ran a survey.')],
    ['code', md('```', 'The study was co-produced with patients via a survey.', '```')],
    ['an HTML comment', md('<!-- The study was co-produced with patients via a survey. -->')],
    ['a reference-list entry', md('## References', '', '- Smith, J. (2019). A co-produced survey of patients. Journal, 1, 2–3.')],
    ['co-production with staff only', md('The pathway was co-produced with clinicians and partner organisations. We surveyed GPs.')],
    ['value co-creation', md('Our framework draws on value co-creation; we will survey patients about their experience.')],
    ['participants co-producing data', md('In interviews, participants co-produce data with the researcher; we will interview 20 patients.')],
    ['honest consultation', md('We consulted 40 carers through an online survey and two focus groups; the team made the decisions.')],
    ['a block quote', md('> The service was co-designed with residents, we were told in a survey.')],
  ];
  for (const [name, text] of clean) {
    it(name, () => assert.deepEqual(findings(text, RULE).map((f) => f.text), []));
  }
});

describe(`${RULE}: scope`, () => {
  it('keeps work packages apart', () => {
    const text = md(
      '# Programme',
      '',
      '## Work package 1',
      '',
      'WP1 is co-produced with young adults. Lived-experience co-leads share decisions with the team, and peer researchers, paid and trained, co-analyse the data and co-author outputs.',
      '',
      '## Work package 2',
      '',
      'WP2 will be co-designed with young people. We will run a survey and usability testing of the prototype we build.',
    );
    const flagged = findings(text, RULE);
    assert.equal(flagged.length, 1);
    assert.ok(flagged[0]!.start > text.indexOf('## Work package 2'));
  });

  it('can be switched off and re-severitied by settings', async () => {
    const { analyze } = await import('../../server/src/core/analyze');
    const { parseSettings } = await import('../../server/src/core/config');
    const text = md('The service will be co-designed with residents through an online survey.');
    assert.equal(analyze(text, parseSettings({ rules: { [RULE]: 'off' } }, 't')).findings.filter((f) => f.rule === RULE).length, 0);
    assert.equal(analyze(text, parseSettings({ rules: { [RULE]: 'error' } }, 't')).findings[0]!.severity, 'error');
  });
});
