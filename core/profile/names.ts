/**
 * Identifier rules shared by every host, and the names derived from a
 * connector's snake_case name.
 */

/** Python 3.11 keywords and soft keywords, plus the builtins a module name must not shadow. */
export const PYTHON_RESERVED = [
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
  'match',
  'case',
  'type',
] as const;

const RESERVED = new Set<string>(PYTHON_RESERVED);

/** snake_case with single underscores between non-empty parts: `my_db`, not `my__db`, `db_` or `1db`. */
export const SNAKE_CASE = '^[a-z][a-z0-9]*(_[a-z0-9]+)*$';

export const isPythonReserved = (word: string): boolean => RESERVED.has(word);

export const snakeParts = (name: string): string[] => name.split('_').filter(Boolean);

const capitalise = (part: string): string => part.charAt(0).toUpperCase() + part.slice(1);

/** `my_db` -> `MyDb` */
export const pascalCase = (name: string): string => snakeParts(name).map(capitalise).join('');

/** `my_db` -> `My Db` */
export const titleCase = (name: string): string => snakeParts(name).map(capitalise).join(' ');

/**
 * The stem of a connector's test files: `my_db` -> `test_my_db`. A name that
 * already starts with `test_` is used as it is (pytest and unittest collect it),
 * not doubled into `test_test_...`.
 */
export const testModuleName = (name: string): string => (name.startsWith('test_') ? name : `test_${name}`);
