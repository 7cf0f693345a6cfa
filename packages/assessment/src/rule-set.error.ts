import { DomainError } from '@mottak/domain';

/** One problem found in a rule set: where (1-based line, when known) and what, in Norwegian. */
export interface RuleSetProblem {
  line?: number;
  reason: string;
}

/** A rule set that cannot be used; names the source, the line (when known) and the reason. */
export class RuleSetError extends DomainError {
  readonly source: string;
  readonly line?: number;
  readonly reason: string;
  /** Every problem found, first by line; the first one is also in `line` and `reason`. */
  readonly problems: RuleSetProblem[];

  constructor(source: string, problems: RuleSetProblem[]) {
    const first = problems[0] ?? { reason: 'ukjent feil' };
    const where = first.line === undefined ? source : `${source}, linje ${first.line}`;
    const more = problems.length > 1 ? ` (og ${problems.length - 1} feil til)` : '';
    super('RULESET_INVALID', `Ugyldig regelsett (${where}): ${first.reason}${more}`, {
      source,
      line: first.line,
      problems,
    });
    this.name = 'RuleSetError';
    this.source = source;
    if (first.line !== undefined) this.line = first.line;
    this.reason = first.reason;
    this.problems = problems;
  }
}
