/** A JSON Schema document or fragment, as plain data. */
export type JsonSchema = { [keyword: string]: unknown };
