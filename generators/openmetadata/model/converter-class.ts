/**
 * The values of a generated `<Name>ConnectionClassConverter.java`, for a checkout whose
 * ClassConverterFactory has only the plain converterMap (one hand-written converter per connection,
 * before NESTED_CONFIG_CONVERTERS): the converter maps the object onto the connection class, then
 * types each oneOf field with ClassConverter.tryToConvert against its candidate classes. Every line
 * is laid out here as google-java-format lays it out (java/java-layout.ts); the template prints them.
 */
import { javaClass, type JavaClass, type OneOfField } from '../java/server-typing.js';
import { JAVA_LINE_WIDTH, layout } from '../java/java-layout.js';

export interface ConverterClassValues {
  packageName: string;
  /** the converter's simple name, `<Name>ConnectionClassConverter` */
  name: string;
  connection: string;
  imports: string[];
  /** the javadoc's lines, without the comment markers */
  doc: string[];
  /** each block is the lines of one statement or declaration */
  declaration: string[];
  constants: string[][];
  constructorLines: string[];
  assignment: string[];
  conversions: string[][];
  /** methods after the constructor, each its lines */
  helpers: string[][];
}

/** For a field with an empty option: `{}` is that option, and stays as it is (see OneOfField.allowsEmpty). */
const IS_EMPTY_MAP = [
  "  /** A oneOf's empty option arrives as {}: converting it would fill a candidate's defaults into it. */",
  '  private static boolean isEmptyMap(Object value) {',
  '    return value instanceof Map && ((Map<?, ?>) value).isEmpty();',
  '  }',
];

/** The statement that types `property`, laid out at `indent`. */
function conversion(property: string, indent: string): string[] {
  const call = `tryToConvert(connection.get${accessor(property)}(), ${constantName(property)})`;
  const then = `.ifPresent(connection::set${accessor(property)});`;
  return fits(`${indent}${call}${then}`) ? [`${indent}${call}${then}`] : [`${indent}${call}`, `${indent}    ${then}`];
}

function fieldConversion({ property, allowsEmpty }: OneOfField): string[] {
  if (!allowsEmpty) return conversion(property, '    ');
  return [`    if (!isEmptyMap(connection.get${accessor(property)}())) {`, ...conversion(property, '      '), '    }'];
}

/** `authType` -> `AUTH_TYPE_CLASSES` */
const constantName = (property: string): string => `${property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}_CLASSES`;
const accessor = (property: string): string => property.charAt(0).toUpperCase() + property.slice(1);
const fits = (line: string): boolean => line.length <= JAVA_LINE_WIDTH;

/** The imports a file needs for `classes`, and how it names each: its simple name, or its qualified one when an earlier class took that name. */
function importPlan(packageName: string, classes: JavaClass[]): { imports: string[]; nameOf: (cls: JavaClass) => string } {
  const bySimple = new Map<string, string>();
  for (const cls of classes) if (!bySimple.has(cls.simple)) bySimple.set(cls.simple, cls.qualified);
  const imported = [...new Set(bySimple.values())].filter((q) => q.slice(0, q.lastIndexOf('.')) !== packageName);
  return { imports: imported.sort(), nameOf: (cls) => (bySimple.get(cls.simple) === cls.qualified ? cls.simple : cls.qualified) };
}

export function converterClassValues(packageName: string, jsonUtils: string, connection: JavaClass, fields: OneOfField[]): ConverterClassValues {
  const name = `${connection.simple}ClassConverter`;
  const candidates = fields.flatMap((f) => f.candidates);
  const emptyAllowed = fields.some((f) => f.allowsEmpty);
  const utilities = [javaClass('java.util.List'), ...(emptyAllowed ? [javaClass('java.util.Map')] : [])];
  const { imports, nameOf } = importPlan(packageName, [...utilities, connection, ...candidates, javaClass(jsonUtils)]);
  const own = nameOf(connection);
  const header = `public class ${name} extends ClassConverter {`;
  const constants = fields.map(({ property, candidates: classes }) => {
    const start = `  private static final List<Class<?>> ${constantName(property)} =`;
    const list = { callee: 'List.of', args: classes.map((c) => `${nameOf(c)}.class`) };
    const [first, ...more] = layout(list, 6, ';');
    const oneLine = `${start} ${(first ?? '').trim()}`;
    return more.length === 0 && fits(oneLine) ? [oneLine] : [start, ...layout(list, 6, ';')];
  });
  const assignment = `    ${own} connection = JsonUtils.convertValue(object, ${own}.class);`;
  return {
    packageName,
    name,
    connection: own,
    imports,
    doc: [
      `Types the oneOf fields of {@code ${connection.simple}} (${fields.map((f) => f.property).join(', ')}): jsonschema2pojo`,
      'leaves them {@code Object}, holding a map that the secrets manager and the password masker skip.',
    ],
    declaration: fits(header) ? [header] : [`public class ${name}`, '    extends ClassConverter {'],
    constants,
    constructorLines: [`  public ${name}() {`, `    super(${own}.class);`, '  }'],
    assignment: fits(assignment)
      ? [assignment]
      : [`    ${own} connection =`, ...layout({ callee: 'JsonUtils.convertValue', args: ['object', `${own}.class`] }, 8, ';')],
    conversions: fields.map(fieldConversion),
    helpers: emptyAllowed ? [IS_EMPTY_MAP] : [],
  };
}
