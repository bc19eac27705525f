/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import { duplicates } from './helpers';

suite('Invariants over the whole run', () => {
  test('no file ever showed the same coprod-lens diagnostic twice', () => {
    duplicates.subscription?.dispose();
    assert.deepEqual([...duplicates.seen.values()], [], 'files with a diagnostic reported twice');
  });
});
