import { resolveWork } from '../citations/context';
import type { Rule } from './rule';

/** `unknown-citation`: a citation that neither the reference list nor any bibliography resolves. */
export const unknownCitation: Rule = {
  id: 'unknown-citation',
  description: 'A citation key or author-date citation that no bibliography or reference list resolves.',
  defaultSeverity: 'warning',
  check({ citations }) {
    const reports = [];
    // A bare "@name" is only a citation in a document that cites the pandoc way ("@CarersVoice" is a handle).
    const pandocDocument = citations.style === 'pandoc' || citations.groups.some((g) => g.style === 'pandoc' && !g.narrative);
    for (const group of citations.groups) {
      // Narrative author-date and bare-@ citations are guesses: report them only when they resolve.
      if (group.narrative && (group.style === 'author-date' || !pandocDocument)) continue;
      for (const work of group.works) {
        if (resolveWork(citations, group, work).kind !== 'unknown') continue;
        const shown = group.style === 'pandoc' ? `@${work.key}` : group.style === 'numeric' ? `[${work.key}]` : `${work.key} (${work.year})`;
        const where =
          group.style === 'pandoc'
            ? 'no bibliography or front-matter reference has this key; check the key or add the work to your bibliography.'
            : group.style === 'numeric'
              ? 'the reference list has no entry with this number.'
              : 'the reference list has no entry by this author in this year, and it is not in the chapter\'s reference list or your bibliographies.';
        reports.push({ start: work.start, end: work.end, message: `Unknown citation ${shown}: ${where}` });
      }
    }
    return reports;
  },
};
