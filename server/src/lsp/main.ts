import { format, inspect } from 'node:util';
import {
  createConnection,
  createServerPipeTransport,
  createServerSocketTransport,
  IPCMessageReader,
  IPCMessageWriter,
  Message,
  ProposedFeatures,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { guardReader } from './rpc-errors';
import { startServer } from './server';

/**
 * `coprod-lens-server`: the language server over stdio (`--stdio`), Node IPC (`--node-ipc`, as
 * the VS Code extension starts it) or a socket (`--socket=PORT`, also `--pipe=NAME`), as
 * vscode-languageserver reads the command line.
 */
if (process.argv.includes('--version')) {
  process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0'}\n`);
} else if (process.argv.includes('--help') || !process.argv.some((a) => /^--(?:stdio|node-ipc|socket|pipe|clientProcessId)/.test(a))) {
  process.stdout.write('Usage: coprod-lens-server --stdio | --node-ipc | --socket=PORT\n\nThe Co-production Lens language server. Start it from an LSP client.\n');
  process.exitCode = process.argv.includes('--help') ? 0 : 2;
} else {
  const transport = transportOf(process.argv.slice(2));
  // Without a usable transport vscode-languageserver reads the command line itself and says what is missing.
  startServer(transport ? connect(transport) : createConnection(ProposedFeatures.all));
}

interface Transport {
  readonly reader: MessageReader;
  readonly writer: MessageWriter;
  readonly stdio: boolean;
}

/**
 * The transport the command line names, read as vscode-languageserver reads it (the first of
 * `--node-ipc`, `--stdio`, `--socket[=]PORT`, `--pipe[=]NAME` wins). The server opens it itself,
 * rather than leaving that to createConnection, so that it holds the reader and writer: every
 * transport goes through guardReader, which answers bodies that are not JSON and invalid requests.
 * (Over Node IPC, Node has already parsed each message, so only invalid requests can arrive.)
 */
function transportOf(argv: readonly string[]): Transport | undefined {
  let port: number | undefined;
  let pipe: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--node-ipc') return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
    if (arg === '--stdio') return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), stdio: true };
    const [name, value] = arg === '--socket' || arg === '--pipe' ? [arg, argv[i + 1]] : arg.split('=');
    if (name === '--socket') {
      port = parseInt(value ?? '');
      break;
    }
    if (name === '--pipe') {
      pipe = value;
      break;
    }
  }
  const pair = port ? createServerSocketTransport(port) : pipe ? createServerPipeTransport(pipe) : undefined;
  return pair && { reader: pair[0], writer: pair[1], stdio: false };
}

/** The connection over `transport`, with its reader guarded. */
function connect({ reader, writer, stdio }: Transport): Connection {
  // Seen on the way to the connection: whether the client asked for shutdown, for the exit code below.
  let shutdownReceived = false;
  const connection: Connection = createConnection(ProposedFeatures.all, guardReader(reader, writer, (message) => connection.console.error(message)), writer, {
    messageStrategy: {
      handleMessage: (message, next) => {
        if (Message.isRequest(message) && message.method === ShutdownRequest.method) shutdownReceived = true;
        next(message);
      },
    },
  });
  if (stdio) {
    // What vscode-languageserver does when it opens stdio itself, and skips when handed a reader:
    // end when the client closes stdin (0 after a shutdown request, as for `exit`), and keep
    // console output off stdout, which carries the protocol, by sending it to the client's log.
    const end = (): never => process.exit(shutdownReceived ? 0 : 1);
    process.stdin.on('end', end);
    process.stdin.on('close', end);
    const to = (level: 'log' | 'warn' | 'error') => (...args: unknown[]): void => connection.console[level](format(...args));
    console.log = console.info = console.debug = to('log');
    console.warn = to('warn');
    console.error = to('error');
    console.dir = (item: unknown, options?: object): void => connection.console.log(inspect(item, options));
  }
  return connection;
}

declare const __VERSION__: string;
