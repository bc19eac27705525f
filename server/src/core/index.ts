/**
 * The Co-production Lens analysis core. Pure: no editor, no LSP, no file system, no network. It
 * receives text and settings as values and returns findings with offsets.
 */
export { analyze, type AnalysisResult } from './analyze';
export { ConfigError, defaultSettings, parseSettings, parseSize, DEFAULT_MAX_FILE_SIZE, type Settings, type RuleSetting } from './config';
export { LEVEL_NAMES, levelName, PRINCIPLES, STAGES } from './ladder';
export { LineIndex, type Position, type Range } from './positions';
export { RULES, ruleById, docsUrl, type Rule } from './rules/index';
export type * from './types';
