import { resolveWork } from '../citations/context';
import { narrative } from '../citations/format';
import { planEntry } from '../citations/plan';
import type { Rule, RuleReport } from './rule';

/** `missing-reference-entry`: a cited work the database knows but the document's list (or bibliography) lacks. */
export const missingReferenceEntry: Rule = {
  id: 'missing-reference-entry',
  description: 'A cited work that is missing from the document\'s reference list or bibliography.',
  defaultSeverity: 'warning',
  check({ citations }) {
    const reports: RuleReport[] = [];
    const seen = new Set<string>();
    for (const group of citations.groups) {
      // A bare "@key" in a document that does not cite the pandoc way is not a citation.
      if (group.style === 'pandoc' && group.narrative && citations.style !== 'pandoc') continue;
      for (const work of group.works) {
        const resolution = resolveWork(citations, group, work);
        if (resolution.kind !== 'missing' || seen.has(resolution.item.id)) continue;
        seen.add(resolution.item.id);
        const edits = planEntry(citations, resolution.item);
        const name = narrative(resolution.item);
        const where = group.style === 'pandoc' ? (citations.frontMatter?.bibliography[0] ?? 'the front matter\'s references') : `the ${citations.list.title ?? citations.listHeading} list`;
        reports.push({
          start: work.start,
          end: work.end,
          message: `${name} is cited but has no entry in ${where}.`,
          fixes: edits.length > 0 ? [{ kind: 'add-entry', title: `Add the reference entry for ${name}`, edits, preferred: true }] : [],
        });
      }
    }
    return reports;
  },
};
