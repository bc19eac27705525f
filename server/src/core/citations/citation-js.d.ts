// Minimal typings for the parts of citation-js the core uses (the packages ship none).
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    data: Record<string, unknown>[];
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const plugins: {
    input: { chain(data: unknown, options?: Record<string, unknown>): Record<string, unknown>[] };
    config: { get(name: string): { templates: { has(name: string): boolean } } };
  };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
