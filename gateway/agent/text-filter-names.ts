import type { OutboundTextFilter } from './run-events.js';
import { UNNAMED_TEXT_FILTER } from './stored-run-request.js';

/** The filter of a resumed run whose filter had no registered name: its text stays hidden. */
const withheldText: OutboundTextFilter = () => '';

/**
 * Outbound text filters by the name a run keeps in the store: a filter is a function and cannot be
 * stored, its registered name can, and a resumed run gets the same filter back by it.
 */
export class TextFilterNames {
  constructor(private readonly filters: Readonly<Record<string, OutboundTextFilter>> = {}) {}

  /** The name to store for a run's filter: its registered name, or UNNAMED_TEXT_FILTER. */
  nameOf(filter: OutboundTextFilter | undefined): string | undefined {
    if (!filter) return undefined;
    const named = Object.entries(this.filters).find(([, candidate]) => candidate === filter);
    return named?.[0] ?? UNNAMED_TEXT_FILTER;
  }

  /** The filter a resumed run had; one whose name is unknown withholds all its text rather than show what it hid. */
  filterNamed(name: string): OutboundTextFilter {
    return (name === UNNAMED_TEXT_FILTER ? undefined : this.filters[name]) ?? withheldText;
  }
}
