import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultSettings, parseSettings } from '../../server/src/core/config';
import { RULES } from '../../server/src/core/rules/index';
import { CLI_NODE_FLAGS } from '../../server/src/cli/workers';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/protocol';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: unknown; enum?: string[] }> }; commands: { command: string }[] };
  activationEvents: string[];
  bin: Record<string, string>;
  version: string;
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
};

// Settings in package.json must not drift from the rule registry and the core's settings.
describe('the extension manifest', () => {
  const properties = pkg.contributes.configuration.properties;

  it('has a severity setting for exactly the registered rules, with their default severities', () => {
    const ruleKeys = Object.keys(properties).filter((k) => k.startsWith('coprodLens.rules.'));
    assert.deepEqual(ruleKeys.sort(), RULES.map((r) => `coprodLens.rules.${r.id}`).sort());
    for (const rule of RULES) {
      const setting = properties[`coprodLens.rules.${rule.id}`]!;
      assert.equal(setting.default, rule.defaultSeverity, rule.id);
      assert.deepEqual(setting.enum, ['error', 'warning', 'information', 'hint', 'off']);
    }
  });

  it('has defaults the core accepts and agrees with', () => {
    const defaults = defaultSettings();
    assert.equal(properties['coprodLens.citationStyle']!.default, defaults.citationStyle);
    assert.equal(properties['coprodLens.referencesHeading']!.default, defaults.referencesHeading);
    assert.deepEqual(properties['coprodLens.bibliographies']!.default, defaults.bibliographies);
    const parsed = parseSettings(
      {
        citationStyle: properties['coprodLens.citationStyle']!.default,
        maxFileSize: properties['coprodLens.maxFileSize']!.default,
        rules: Object.fromEntries(RULES.map((r) => [r.id, properties[`coprodLens.rules.${r.id}`]!.default])),
      },
      'package.json',
    );
    assert.equal(parsed.maxFileSize, defaults.maxFileSize);
    assert.deepEqual(properties['coprodLens.citationStyle']!.enum, ['auto', 'author-date', 'numeric', 'pandoc']);
  });

  it('registers every command it contributes, and activates on Markdown, Quarto and R Markdown', () => {
    const client = readFileSync(join(root, 'client', 'src', 'commands.ts'), 'utf8');
    for (const { command } of pkg.contributes.commands) assert.ok(client.includes(`'${command}'`), command);
    assert.ok(pkg.activationEvents.includes('onLanguage:markdown'));
    assert.ok(pkg.activationEvents.includes('onLanguage:quarto'));
    assert.ok(pkg.activationEvents.some((e) => e.includes('Rmd')));
  });

  it('limits itself in untrusted workspaces and ships both bins', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('coprodLens.bibliographies'));
    assert.equal(pkg.bin['coprod-lens'], 'dist/cli.js');
    assert.equal(pkg.bin['coprod-lens-server'], 'dist/server.js');
  });

  it('starts the server bin with the Node.js flags the VS Code client passes', () => {
    const server = join(root, 'dist', 'server.js');
    const firstLine = readFileSync(server, 'utf8').split('\n', 1)[0];
    assert.equal(firstLine, `#!/usr/bin/env -S node ${SERVER_NODE_FLAGS.join(' ')}`);
    assert.ok(SERVER_NODE_FLAGS.length > 0);
    // Run through its first line, as an editor runs `coprod-lens-server`.
    const run = spawnSync(server, ['--version'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), pkg.version);
  });

  it('starts the CLI bin with its Node.js flags', () => {
    const cli = join(root, 'dist', 'cli.js');
    const firstLine = readFileSync(cli, 'utf8').split('\n', 1)[0];
    assert.equal(firstLine, `#!/usr/bin/env -S node ${CLI_NODE_FLAGS.join(' ')}`);
    assert.ok(CLI_NODE_FLAGS.length > 0);
    // Run through its first line, as a shell runs `coprod-lens`.
    const run = spawnSync(cli, ['check', '--format', 'json', join(root, 'samples')], { encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.ok((JSON.parse(run.stdout) as { files: unknown[] }).files.length > 0);
  });
});
