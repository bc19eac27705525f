/**
 * The Co-production Lens analysis core. Pure: no editor, no LSP, no file system, no network. It
 * receives text and settings as values and returns findings with offsets.
 */
export { analyze, type AnalysisInputs, type AnalysisResult, type Notice } from './analyze';
export { BUNDLED_REFERENCES } from './citations/bundled';
export type { BibliographyFile } from './citations/bibliography';
export { bibliographyPaths } from './citations/front-matter';
export { firstAuthor, yearOf, type CslItem } from './citations/database';
export { authorDate, formatEntry, narrative, toBibtex, type EntryStyle } from './citations/format';
export { applyEdits, editsFor, lineEnding } from './edits';
export { addAllMissingEntries, type FixAllOutcome } from './fix-all';
export {
  ConfigError,
  defaultSettings,
  parseSettings,
  parseSize,
  DEFAULT_MAX_FILE_SIZE,
  type CitationStyleSetting,
  type Settings,
  type RuleSetting,
} from './config';
export { LEVEL_NAMES, levelName, PRINCIPLES, STAGES } from './ladder';
export { LineIndex, type Position, type Range } from './positions';
export { RULES, ruleById, docsUrl, type Rule } from './rules/index';
export type * from './types';
