/** The streams of an API or file source: streams/<stream>.py and schemas/<stream>.json. */
import { streamClassName, type MageProfile } from '../../../core/profile/mage.js';
import { pythonString } from '../../../core/text.js';

export interface StreamModel {
  id: string;
  className: string;
  /** Python literals */
  idLiteral: string;
  urlPathLiteral: string;
  /** schemas/<id>.json */
  schemaJson: string;
}

/** JSON indented by two spaces, with arrays of plain values on one line (`"type": ["null", "string"]`). */
export function prettyJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The JSON Schema of a generated stream: a placeholder record with nullable types, replaced by the implementer. */
export function streamSchema(): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      id: { type: ['null', 'string'] },
      updated_at: { type: ['null', 'string'], format: 'date-time' },
    },
  };
}

export function streamModels(profile: MageProfile): StreamModel[] {
  return profile.streams.map((id) => ({
    id,
    className: streamClassName(id),
    idLiteral: pythonString(id),
    urlPathLiteral: pythonString(`/${id}`),
    schemaJson: prettyJson(streamSchema()),
  }));
}
