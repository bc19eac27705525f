import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, defaultSettings, parseSettings, parseSize } from '../../server/src/core/config';
import { RULES } from '../../server/src/core/rules/index';

describe('settings', () => {
  it('defaults every rule to its default severity', () => {
    const settings = defaultSettings();
    for (const rule of RULES) assert.equal(settings.rules[rule.id], rule.defaultSeverity);
    assert.equal(settings.maxFileSize, 2 * 1024 * 1024);
  });

  it('accepts severities, off, booleans and sizes', () => {
    const settings = parseSettings(
      { rules: { 'consultation-only': 'error', 'unevidenced-claim': false, 'co-design-not-co-production': true }, maxFileSize: '500kB' },
      'x.json',
    );
    assert.equal(settings.rules['consultation-only'], 'error');
    assert.equal(settings.rules['unevidenced-claim'], 'off');
    assert.equal(settings.rules['co-design-not-co-production'], 'information');
    assert.equal(settings.maxFileSize, 500 * 1024);
    assert.equal(parseSize(1000, 'n'), 1000);
    assert.equal(parseSize('2MB', 'n'), 2 * 1024 * 1024);
  });

  it('rejects bad values with a message naming the source and the key', () => {
    const cases: [unknown, RegExp][] = [
      [[], /expected a JSON object/],
      [{ colour: true }, /unknown key "colour"/],
      [{ rules: { 'no-such-rule': 'error' } }, /unknown rule "no-such-rule"/],
      [{ rules: { 'consultation-only': 'loud' } }, /rules\["consultation-only"\] is "loud"/],
      [{ maxFileSize: -1 }, /maxFileSize is -1/],
      [{ maxFileSize: '2 parsecs' }, /maxFileSize/],
    ];
    for (const [value, message] of cases) {
      assert.throws(() => parseSettings(value, 'proj/.coprod-lens.json'), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^proj\/\.coprod-lens\.json/);
        assert.match(error.message, message);
        return true;
      });
    }
  });
});
