import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT, uriOf } from './client';

/** The six sample proposals (samples/*.md), by name without extension. */
export const SAMPLES = ['charity-grant', 'community-service-bid', 'genuine-coproduction', 'health-research-ppi', 'honest-consultation', 'mixed-work-packages'] as const;
export type Sample = (typeof SAMPLES)[number];

export function samplePath(name: Sample): string {
  return join(ROOT, 'samples', `${name}.md`);
}

export function sampleUri(name: Sample): string {
  return uriOf(samplePath(name));
}

export function sampleText(name: Sample): string {
  return readFileSync(samplePath(name), 'utf8');
}

/** Join lines with \n and end with one: fixtures read as Markdown files. */
export function md(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** A temporary folder (real path, so URIs match what the server resolves) with `files` written into it. */
export function tempFolder(files: Readonly<Record<string, string>> = {}, prefix = 'coprod-lens-lsp-'): { path: string; remove: () => void } {
  const path = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(path, name)), { recursive: true });
    writeFileSync(join(path, name), text);
  }
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A claim of co-design backed only by consultation, with no citations: author-date by default. */
export const CLAIM_PARAGRAPH =
  'The new service will be co-designed with young people. We will run an online survey and hold two focus groups to gather views.';

export const CLAIM_DOC = md('# Youth service', '', CLAIM_PARAGRAPH);

/** The chapter's entries for the works the fixtures cite, in APA as the server formats them. */
export const APA = {
  brandsen2016:
    'Brandsen, T., & Honingh, M. (2016). Distinguishing different types of coproduction: A conceptual analysis based on the classical definitions. Public Administration Review, 76(3), 427–435. https://doi.org/10.1111/puar.12465',
  vennik2016:
    'Vennik, F., van de Bovenkamp, H., Putters, K., & Grit, K. (2016). Co-production in healthcare: Rhetoric and practice. International Review of Administrative Sciences, 82(1), 150–168. https://doi.org/10.1177/0020852315570553',
  nef2013:
    'New Economics Foundation. (2013). Co-production in mental health: A literature review. New Economics Foundation. https://neweconomics.org/uploads/files/ca0975b7cd88125c3e_ywm6bp3l1.pdf',
} as const;

/** A user's own CSL-JSON bibliography with one work that is not in the chapter's list. */
export const SMITH_CSL = { id: 'smith2019', type: 'book', title: 'A study of involvement', author: [{ family: 'Smith', given: 'Jo' }], issued: { 'date-parts': [[2019]] }, publisher: 'Acme' };

/** The same kind of work as BibTeX. */
export const JONES_BIB = md('@book{jones2018,', '  author = {Jones, Alex},', '  title = {Working together},', '  year = {2018},', '  publisher = {Acme}', '}');

/** LSP severities. */
export const Severity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;

/** LSP error codes the server uses. */
export const ErrorCode = { RequestFailed: -32803, ServerCancelled: -32802, RequestCancelled: -32800 } as const;

/** Where the rule pages live (codeDescription.href). */
export const DOCS_BASE = 'https://github.com/coproduction-lens/coproduction-lens/blob/main/docs/rules/';
