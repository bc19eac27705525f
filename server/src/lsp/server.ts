import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type WorkspaceDiagnosticReport,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatEntry, narrative, RULES } from '../core/index';
import { planCitation } from '../core/citations/plan';
import { ADD_MISSING_ENTRIES, codeActions } from './actions';
import { Analyzer, type Analysed } from './analysis';
import { complete } from './completion';
import { toDiagnostic } from './convert';
import { definition } from './definition';
import { workspaceEditFor } from './edits';
import { hover } from './hover';
import { profile } from './profile';
import {
  CHECK_WORKSPACE,
  CITE,
  PROFILE,
  REFERENCES,
  STATUS,
  type CheckWorkspaceResult,
  type CiteParams,
  type InitializationOptions,
  type ProfileParams,
  type ReferenceItem,
  type ReferencesParams,
  type StatusParams,
} from './protocol';
import { SettingsStore } from './settings';
import { Trust } from './trust';
import { checkWorkspace } from './workspace';

/** The server's version, injected by the build. */
declare const __VERSION__: string;

/**
 * The language server: a thin shim over the core. Handlers guard (unknown documents, stale
 * versions, out-of-range positions, cancellation), delegate to the core and convert.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let trust = new Trust(true);
  let pull = false;
  let configurationRequests = false;
  let folderEvents = false;
  let folders: string[] = [];
  let settings = new SettingsStore(connection, trust, () => configurationRequests);
  let analyzer = new Analyzer(connection, settings, trust);
  /** Files whose diagnostics were pushed by a workspace check (cleared when pull takes over). */
  const pushed = new Set<string>();
  /** Set once the client pulls workspace diagnostics: unopened files' results then go that way. */
  let workspacePulls = false;
  /** Bumped when settings or watched files change, so workspace result ids go stale. */
  let settingsGeneration = 0;

  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    trust = new Trust(options.trusted !== false);
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    trust.setFolders(folders);
    configurationRequests = params.capabilities.workspace?.configuration === true;
    pull = params.capabilities.textDocument?.diagnostic !== undefined;
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    settings = new SettingsStore(connection, trust, () => configurationRequests);
    analyzer = new Analyzer(connection, settings, trust);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        ...(pull ? { diagnosticProvider: { identifier: 'coprod-lens', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        codeActionProvider: { codeActionKinds: ['quickfix', ADD_MISSING_ENTRIES] },
        hoverProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: ['@', '('] },
        ...(folderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'coprod-lens', version: typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0' },
    };
  });

  connection.onInitialized(() => {
    if (!folderEvents) return;
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      folders = folders.filter((f) => !event.removed.some((r) => r.uri === f)).concat(event.added.map((a) => a.uri));
      trust.setFolders(folders);
    });
  });

  /** Analyse the latest version; publish (push mode) and report status. */
  const refresh = async (document: TextDocument): Promise<void> => {
    // TextDocuments updates documents in place: remember which version this refresh is for.
    const version = document.version;
    await analyzer.settle(document);
    const current = documents.get(document.uri);
    if (!current || current.version !== version) return; // superseded by a newer edit
    const analysed = await analyzer.analyse(current);
    if (!analysed) {
      // Not checked (too large, or it failed): clear what an earlier version showed.
      if (!pull) void connection.sendDiagnostics({ uri: document.uri, version, diagnostics: [] });
      return;
    }
    if (documents.get(document.uri)?.version !== analysed.version) return;
    if (!pull) {
      void connection.sendDiagnostics({ uri: analysed.uri, version: analysed.version, diagnostics: diagnosticsOf(analysed) });
    }
    sendStatus(analysed);
  };

  const sendStatus = (analysed: Analysed): void => {
    const params: StatusParams = {
      uri: analysed.uri,
      claims: analysed.result.assessments.length,
      consultationOnly: analysed.result.findings.filter((f) => f.rule === 'consultation-only').length,
      findings: analysed.result.findings.length,
    };
    void connection.sendNotification(STATUS, params);
  };

  const recheckAll = (): void => {
    settingsGeneration++;
    settings.clear();
    analyzer.invalidate();
    for (const document of documents.all()) void refresh(document);
    if (pull) connection.languages.diagnostics.refresh();
  };

  documents.onDidOpen(({ document }) => {
    if (pull && pushed.delete(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
  documents.onDidChangeContent(({ document }) => void refresh(document));
  documents.onDidClose(({ document }) => {
    analyzer.forget(document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
  connection.onDidChangeConfiguration(() => recheckAll());
  connection.onDidChangeWatchedFiles(() => recheckAll());

  /** The analysis of an open document, or a clean error for one the server does not know. */
  const analysedFor = async (uri: string, token?: CancellationToken): Promise<Analysed | undefined> => {
    const document = documents.get(uri);
    if (!document) return undefined;
    return analyzer.analyse(document, token);
  };

  connection.languages.diagnostics.on(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const version = document.version;
    await analyzer.settle(document);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (documents.get(document.uri)?.version !== version) {
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'a newer version arrived', { retriggerRequest: true });
    }
    const analysed = await analyzer.analyse(document, token);
    if (!analysed) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    sendStatus(analysed);
    return { kind: DocumentDiagnosticReportKind.Full, items: diagnosticsOf(analysed) };
  });

  connection.languages.diagnostics.onWorkspace(async (params, token): Promise<WorkspaceDiagnosticReport> => {
    // A client that pulls workspace diagnostics gets unopened files' results this way: drop pushed ones.
    workspacePulls = true;
    for (const uri of pushed) void connection.sendDiagnostics({ uri, diagnostics: [] });
    pushed.clear();
    // Clients re-pull often (VS Code every few seconds): report files whose result id is unchanged as such.
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    const generation = `g${settingsGeneration}:`;
    const files = await checkWorkspace(folders, (uri) => documents.get(uri), analyzer, token, () => undefined, (uri, id) => previous.get(uri) === generation + id);
    return {
      items: files.map((f) =>
        f.unchanged
          ? { kind: DocumentDiagnosticReportKind.Unchanged, uri: f.uri, version: f.version, resultId: generation + f.resultId! }
          : { kind: DocumentDiagnosticReportKind.Full, uri: f.uri, version: f.version, items: f.diagnostics, ...(f.resultId ? { resultId: generation + f.resultId } : {}) },
      ),
    };
  });

  connection.onRequest(CHECK_WORKSPACE, async (_params: unknown, token): Promise<CheckWorkspaceResult> => {
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Checking proposals', 0, undefined, true);
    // Stop when the request is cancelled or the user cancels the progress notification.
    const either = { get isCancellationRequested() { return token.isCancellationRequested || progress.token.isCancellationRequested; } } as CancellationToken;
    const files = await checkWorkspace(folders, (uri) => documents.get(uri), analyzer, either, (done, total, path) => {
      progress.report(Math.round((done / Math.max(total, 1)) * 100), `${done + 1}/${total} ${path.split(/[\\/]/).pop()}`);
    });
    progress.done();
    for (const file of files) {
      if (documents.get(file.uri) && pull) continue; // open documents are pulled by the editor
      if (workspacePulls) continue; // so are the others, by a client that pulls workspace diagnostics
      pushed.add(file.uri);
      void connection.sendDiagnostics({ uri: file.uri, diagnostics: file.diagnostics });
    }
    return {
      files: files.length,
      findings: files.reduce((n, f) => n + f.diagnostics.length, 0),
      consultationOnly: files.reduce((n, f) => n + f.diagnostics.filter((d) => d.code === 'consultation-only').length, 0),
      errors: files.flatMap((f) => (f.error ? [f.error] : [])),
    };
  });

  connection.onRequest(PROFILE, async (params: ProfileParams, token) => {
    const analysed = await analysedFor(params.uri, token);
    if (!analysed) throw new ResponseError(LSPErrorCodes.RequestFailed, `${params.uri} is not open in the editor; open it first.`);
    return profile(analysed);
  });

  connection.onRequest(REFERENCES, async (params: ReferencesParams, token): Promise<ReferenceItem[]> => {
    const analysed = await analysedFor(params.uri, token);
    if (!analysed) throw new ResponseError(LSPErrorCodes.RequestFailed, `${params.uri} is not open in the editor; open it first.`);
    return analysed.result.citations.database.all().map(({ item }) => ({ id: item.id, label: narrative(item), entry: formatEntry(item, 'apa') }));
  });

  connection.onRequest(CITE, async (params: CiteParams, token) => {
    const analysed = await analysedFor(params.uri, token);
    if (!analysed) throw new ResponseError(LSPErrorCodes.RequestFailed, `${params.uri} is not open in the editor; open it first.`);
    const item = analysed.result.citations.database.get(params.id);
    if (!item) throw new ResponseError(LSPErrorCodes.RequestFailed, `no reference with key "${params.id}".`);
    const offset = analysed.lines.offset(params.position);
    const sentence = sentenceAround(analysed, offset);
    return workspaceEditFor(analysed, planCitation(analysed.result.citations, item, sentence).edits) ?? null;
  });

  connection.onCodeAction(async (params, token) => {
    const analysed = await analysedFor(params.textDocument.uri, token);
    return analysed ? codeActions(analysed, params) : [];
  });
  connection.onHover(async (params, token) => {
    const analysed = await analysedFor(params.textDocument.uri, token);
    return analysed ? hover(analysed, params.position) : null;
  });
  connection.onCompletion(async (params, token) => {
    const analysed = await analysedFor(params.textDocument.uri, token);
    return analysed ? complete(analysed, params.position) : [];
  });
  connection.onDefinition(async (params, token) => {
    const analysed = await analysedFor(params.textDocument.uri, token);
    return analysed ? definition(analysed, params.position) : null;
  });

  documents.listen(connection);
  connection.listen();
  connection.console.info(`Co-production Lens server started (rules: ${RULES.map((r) => r.id).join(', ')}).`);
}

/** Diagnostics for an analysed document. */
function diagnosticsOf(analysed: Analysed): Diagnostic[] {
  return analysed.result.findings.map((f, index) => toDiagnostic(f, analysed.lines, analysed.uri, { version: analysed.version, index }));
}

/** The sentence containing `offset` (a claim's, or the paragraph's), for citing at the cursor. */
function sentenceAround(analysed: Analysed, offset: number): { start: number; end: number } {
  const claim = analysed.result.assessments.find((a) => offset >= a.claim.sentence.start && offset <= a.claim.sentence.end);
  if (claim) return claim.claim.sentence;
  const text = analysed.text;
  let start = offset;
  while (start > 0 && !/[.!?\n]/.test(text[start - 1]!)) start--;
  let end = offset;
  while (end < text.length && !/[.!?\n]/.test(text[end]!)) end++;
  if (end < text.length && /[.!?]/.test(text[end]!)) end++;
  return { start, end };
}
