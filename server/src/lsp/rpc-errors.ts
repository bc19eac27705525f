import { ErrorCodes, type Message, type MessageReader, type MessageWriter, type ResponseMessage } from 'vscode-languageserver';

/**
 * Replies vscode-jsonrpc does not send. JSON-RPC 2.0 wants an error response to a body that is not
 * JSON (-32700, id null) and to a request it cannot accept (-32600, with the request's id), but
 * vscode-jsonrpc's reader only raises an error for the first and its connection only logs the
 * second: a client waiting on either would wait forever.
 *
 * `guardReader` wraps the reader the connection listens to: it answers both through the writer the
 * connection writes with (so replies are never interleaved with the connection's own), logs them
 * with `log`, and passes everything else through untouched.
 */
export function guardReader(reader: MessageReader, writer: MessageWriter, log: (message: string) => void): MessageReader {
  const reply = (id: number | string | null, code: number, message: string): void => {
    const response: ResponseMessage = { jsonrpc: '2.0', id, error: { code, message } };
    // A failed write is reported by the writer's own onError, which the connection hears.
    writer.write(response).catch(() => undefined);
  };

  // The stream reader decodes a body with JSON.parse and raises what it throws; a SyntaxError is
  // therefore a body that is not JSON (a bad header or a closed stream raises a plain Error, and
  // leaves no message to answer). Bodies are decoded one at a time, in order, so the reply goes
  // out before anything sent after the bad body is even read.
  const parseErrors = reader.onError((error) => {
    if (!(error instanceof SyntaxError)) return;
    reply(null, ErrorCodes.ParseError, `Parse error: the message body is not JSON (${error.message}).`);
    log(`Answered a message whose body is not JSON with a parse error (-32700): ${error.message}`);
  });

  return {
    get onError() {
      return reader.onError;
    },
    get onClose() {
      return reader.onClose;
    },
    get onPartialMessage() {
      return reader.onPartialMessage;
    },
    listen: (callback) =>
      reader.listen((message: Message) => {
        const invalid = invalidRequest(message);
        if (invalid === undefined) {
          callback(message);
          return;
        }
        reply(invalid.id, ErrorCodes.InvalidRequest, `Invalid Request: ${invalid.reason}.`);
        log(`Answered a request with Invalid Request (-32600), because ${invalid.reason}: ${excerpt(message)}`);
      }),
    dispose: () => {
      parseErrors.dispose();
      reader.dispose();
    },
  };
}

/**
 * Why `message`, meant as a request, cannot be one; undefined when it is a request vscode-jsonrpc
 * can dispatch, or not meant as a request at all.
 *
 * Meant as a request: an object with both a `method` and an `id`. Without an `id` the sender wants
 * no answer (a notification, however broken, is left to the connection, which logs it). With an
 * `id` but no `method` it may be a broken response to one of the server's own requests; answering
 * it would hand the client an answer to an id from the server's numbering, which the client would
 * take for the answer to its own request of that number, so that too is left to the connection.
 */
function invalidRequest(message: unknown): { id: number | string | null; reason: string } | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const candidate = message as Record<string, unknown>;
  if (!('method' in candidate) || !('id' in candidate)) return undefined;
  // An id that is neither a number nor a string cannot be echoed: JSON-RPC answers with null.
  const id = typeof candidate.id === 'number' || typeof candidate.id === 'string' ? candidate.id : null;
  if (typeof candidate.method !== 'string') return { id, reason: 'its method is not a string' };
  if (id === null) return { id, reason: 'its id is neither a number nor a string' };
  // Params must be structured (an object or an array); null is taken as absent, as clients send it.
  const params = candidate.params;
  if (params !== undefined && params !== null && typeof params !== 'object') return { id, reason: 'its params are neither an object nor an array' };
  return undefined;
}

/** The start of `message` as JSON, for a log line. */
function excerpt(message: unknown): string {
  const json = JSON.stringify(message) ?? String(message);
  return json.length > 500 ? `${json.slice(0, 500)}…` : json;
}
