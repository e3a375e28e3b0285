/**
 * A generator's file plan: the files it writes for a profile, each with an id, its template and its
 * destination. It is the only source of paths: writing, the dry-run listing, the merge records, the
 * brief's file index and every path a template or a next step names are read from it by id.
 */

export interface PlannedFile {
  /** what the file is, stable across profiles: `connection`, `unitTest`, `brief` (lookups use it, never a path) */
  id: string;
  /** path under the generator's templates/ folder */
  template: string;
  /** path under the destination root (the host checkout root, or the current folder) */
  destination: string;
  /** one line for the brief's index: what the file is for */
  purpose: string;
  /** extra template values for this file only, e.g. the stream a per-stream template renders */
  data?: Record<string, unknown>;
}

/** The id of every host's implementation brief, CONNECTOR_CONTEXT.md: the one planned file rendered with the run's state. */
export const BRIEF = 'brief';

/** A plan entry as a host declares it: the destination follows from the template path. */
export interface PlanEntry {
  id: string;
  template: string;
  purpose: string;
  /** false leaves the file out of this profile's plan */
  wanted?: boolean;
  /** placeholders of this entry only (the stream a per-stream file is named after) */
  values?: Record<string, string>;
  data?: Record<string, unknown>;
}

/** The wanted entries, each with its destination filled from the placeholders. */
export function planOf(entries: readonly PlanEntry[], values: Record<string, string>): PlannedFile[] {
  return entries
    .filter((entry) => entry.wanted !== false)
    .map(({ id, template, purpose, values: own, data }) => ({
      id,
      template,
      destination: destinationOf(template, { ...values, ...own }),
      purpose,
      ...(data ? { data } : {}),
    }));
}

/** The destination of the planned file with this id; a plan without it is a bug of the host's code. */
export function plannedPath(plan: readonly PlannedFile[], id: string): string {
  const file = plan.find((f) => f.id === id);
  if (!file) throw new Error(`The file plan has no file "${id}" (it has ${plan.map((f) => f.id).join(', ')})`);
  return file.destination;
}

/** The planned file with this id, when this profile plans it. */
export const plannedFile = (plan: readonly PlannedFile[], id: string): PlannedFile | undefined => plan.find((f) => f.id === id);

/**
 * Fills `[placeholder]` segments of a template path and drops `.ejs` and any
 * variant marker: `source/[package]/connection.py.sqlalchemy.ejs` -> `source/mydb/connection.py`.
 * Variants let several templates stand for one output file.
 */
export function destinationOf(template: string, values: Record<string, string>): string {
  const filled = template.replace(/\[([A-Za-z]+)\]/g, (match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`No value for placeholder ${match} in template path ${template}`);
    return value;
  });
  return filled.replace(/\.ejs$/, '').replace(/(\.(?:py|json|md|mdx|txt))\.[a-z_]+$/, '$1');
}
