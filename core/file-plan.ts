/**
 * A generator's file plan: the (template, destination) pairs it writes for a
 * profile. Writing, the dry-run listing and the brief's file index read it.
 */

export interface PlannedFile {
  /** path under the generator's templates/ folder */
  template: string;
  /** path under the destination root (the host checkout root, or the current folder) */
  destination: string;
  /** one line for the brief's index: what the file is for */
  purpose: string;
  /** extra template values for this file only, e.g. the stream a per-stream template renders */
  data?: Record<string, unknown>;
}

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
