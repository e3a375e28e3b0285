/** Types of validators.generated.js, which build/validators.ts writes: ajv standalone code for each host's profile schema. */
import type { ValidateFunction } from 'ajv';

export interface PrecompiledValidator {
  validate: ValidateFunction;
  /** the schema it was compiled from, as JSON text */
  schema: string;
}

export const precompiled: Readonly<Record<string, PrecompiledValidator>>;
