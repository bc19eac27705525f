import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_REFERENCES } from '../server/src/core/citations/bundled';
import { formatLive, type FormattedReference } from '../server/src/core/citations/format';

/**
 * Writes server/data/formatted-references.json: every bundled reference formatted by citation-js
 * (APA and Vancouver entries, the APA in-text citation, BibTeX). Run by `npm run data` after
 * editing server/data/references.json; test/unit/references.test.ts fails while the table is stale.
 */
const table: Record<string, FormattedReference> = {};
for (const item of BUNDLED_REFERENCES) table[item.id] = formatLive(item);
const out = join(__dirname, '..', '..', 'server', 'data', 'formatted-references.json');
writeFileSync(out, `${JSON.stringify(table, null, 2)}\n`);
console.log(`wrote ${Object.keys(table).length} references to ${out}`);
