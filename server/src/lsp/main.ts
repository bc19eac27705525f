import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

/**
 * `coprod-lens-server`: the language server over stdio (`--stdio`), Node IPC (`--node-ipc`, as
 * the VS Code extension starts it) or a socket (`--socket=PORT`), as vscode-languageserver reads
 * the command line.
 */
if (process.argv.includes('--version')) {
  process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0'}\n`);
} else if (process.argv.includes('--help') || !process.argv.some((a) => /^--(?:stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) {
  process.stdout.write('Usage: coprod-lens-server --stdio | --node-ipc | --socket=PORT\n\nThe Co-production Lens language server. Start it from an LSP client.\n');
  process.exitCode = process.argv.includes('--help') ? 0 : 2;
} else {
  startServer(createConnection(ProposedFeatures.all));
}

declare const __VERSION__: string;
