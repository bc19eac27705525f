/**
 * Co-production Lens's own requests and notifications on top of LSP, shared by the server and
 * the VS Code client (which imports only these names and types).
 */
import nodeFlags from '../../data/node-flags.json';

/**
 * The Node.js flags the server runs with, however it is started: the VS Code client passes them
 * to the server process, `coprod-lens-server` has them in its first line (scripts/build.mjs), and
 * the tests and benchmark start it with them. A young generation of at most 4 MB per semi-space
 * and a heap limit of 1 GB make V8 grow the heap more slowly: with 50 proposals open the server
 * holds about 130 MB instead of 170 MB, for about a fifth more CPU per edit. A proposal over the
 * 2 MB default "maxFileSize" is not analysed; one of 1M words (6.9 MB) peaks near 300 MB.
 */
export const SERVER_NODE_FLAGS: readonly string[] = nodeFlags.server;

/** `coprodLens/checkWorkspace`: check every proposal in the workspace folders (with progress). */
export const CHECK_WORKSPACE = 'coprodLens/checkWorkspace';
export interface CheckWorkspaceResult {
  readonly files: number;
  readonly findings: number;
  readonly consultationOnly: number;
  /** Files that could not be checked, with why. */
  readonly errors: readonly string[];
}

/** `coprodLens/profile`: the engagement profile of one document (its claims on the ladder). */
export const PROFILE = 'coprodLens/profile';
export interface ProfileParams {
  readonly uri: string;
}
export interface ProfileClaim {
  readonly phrase: string;
  readonly line: number;
  readonly claimed: number;
  readonly evidenced: number;
  readonly stages: readonly string[];
  readonly rule: string | null;
}
export interface ProfileResult {
  readonly uri: string;
  readonly levels: readonly string[];
  readonly stages: readonly string[];
  readonly claims: readonly ProfileClaim[];
}

/** `coprodLens/references`: the works a document can cite (chapter list and its bibliographies). */
export const REFERENCES = 'coprodLens/references';
export interface ReferencesParams {
  readonly uri: string;
}
export interface ReferenceItem {
  readonly id: string;
  /** "Brandsen & Honingh (2016)" */
  readonly label: string;
  /** The full entry in APA. */
  readonly entry: string;
}

/** `coprodLens/cite`: the workspace edit that cites `id` in the sentence at `position`. */
export const CITE = 'coprodLens/cite';
export interface CiteParams {
  readonly uri: string;
  readonly id: string;
  readonly position: { readonly line: number; readonly character: number };
}

/** `coprodLens/status` (server → client): counts for the status bar. */
export const STATUS = 'coprodLens/status';
export interface StatusParams {
  readonly uri: string;
  readonly claims: number;
  readonly consultationOnly: number;
  readonly findings: number;
}

/** Sent as initializationOptions by the client. */
export interface InitializationOptions {
  /** False in an untrusted workspace: then no file outside the workspace folders is read. */
  readonly trusted?: boolean;
}
