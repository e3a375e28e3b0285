/**
 * The questions of a run that may ask: the connector's name first (it picks the stored answers), then
 * each missing field in turn, a clash with the checkout settled as soon as the answers deciding it are
 * in, and the fixes a field knows for a value the checks refuse. Every answer is checked as it is given.
 * It keeps what the run's problems need later: which fields the user gave a value, and which were
 * answered at a prompt (their problems name the question, not a flag).
 */
import type { HostDefinition } from '../host.js';
import { answerValue, fieldsToAsk, questionFor, withDefaults } from '../profile/compose.js';
import type { Field, PartialProfile } from '../profile/field.js';
import { findProblems, type Problem } from '../profile/validate.js';
import { storedProfile } from '../stored-profiles.js';
import { askOne, type AnyGenerator } from '../yeoman.js';

/** What the questions need of a host: its fields, and the checks that depend on the checkout. */
type AskedHost = Pick<HostDefinition<unknown>, 'spec' | 'checkoutProblems'>;

export class Conversation {
  /** fields a flag, file, stored answer or answer gave a value: the others' values were derived */
  private readonly suppliedFields = new Set<string>();
  /** fields whose value the user typed at a prompt, with the question asked */
  private readonly promptedFields = new Map<string, string>();

  constructor(
    private readonly generator: AnyGenerator,
    private readonly host: AskedHost,
    private readonly checkoutRoot: string | undefined,
  ) {}

  /** The fields the profile's sources gave a value before any question. */
  markSupplied(fields: Iterable<string>): void {
    for (const field of fields) this.suppliedFields.add(field);
  }

  /** Whether the user gave `field` a value (a flag, a file, a stored answer or an answer). */
  isSupplied(field: string): boolean {
    return this.suppliedFields.has(field);
  }

  /** The problem, naming the question that was asked when its field was answered at a prompt. */
  namingTheQuestion(problem: Problem): Problem {
    const question = this.promptedFields.get(problem.field);
    return question === undefined ? problem : { ...problem, label: `the question "${question}"` };
  }

  /** The connector's name, asked first: it picks the stored answers. `last` is the last connector generated. */
  async askName(profile: PartialProfile, last: string | undefined): Promise<unknown> {
    const field = this.host.spec.fields.find((f) => f.name === 'name');
    if (!field) throw new Error(`The ${this.host.spec.host} profile declares no name field`);
    return this.ask(field, profile, last);
  }

  /** Asks one field at a time: which fields apply, and their choices, depend on earlier answers. */
  async askMissing(profile: PartialProfile, defaults: PartialProfile): Promise<void> {
    const asked = new Set<string>();
    const next = (): Field | undefined => fieldsToAsk(this.host.spec, profile).find((f) => !asked.has(f.name));
    await this.settleClashes(profile);
    for (let field = next(); field; field = next()) {
      asked.add(field.name);
      const answer = await this.ask(field, profile, defaults[field.name]);
      if (answer !== undefined) {
        profile[field.name] = answer;
        this.suppliedFields.add(field.name);
      }
      await this.settleClashes(profile);
    }
  }

  /**
   * A value the user set that the checks refuse, and whose field knows the fix (the config keys the chosen
   * auth types need, added to the user's): offered as a yes/no question. Declined, the value stays and the
   * run fails with the problem, naming the flag.
   */
  async offerFixes(profile: PartialProfile): Promise<void> {
    for (const field of this.host.spec.fields) {
      if (!field.fixFor || profile[field.name] === undefined) continue;
      const fix = field.fixFor(withDefaults(this.host.spec, profile));
      if (!fix) continue;
      const name = `${field.name}Fix`;
      const answer = await askOne(this.generator, { type: 'confirm', name, message: fix.question, default: true });
      if (answer === true) profile[field.name] = fix.value;
    }
  }

  /**
   * A clash with the checkout (a name whose service type value is taken) is settled as soon as the
   * answers that decide it are known: the value is asked again, or the other field that settles it
   * (the service type value), instead of the run failing after every other question.
   */
  private async settleClashes(profile: PartialProfile): Promise<void> {
    for (let problem = this.firstClash(profile); problem?.clash; problem = this.firstClash(profile)) {
      const { reason, instead } = problem.clash;
      const field = this.fieldNamed(problem.field);
      const other = instead ? this.fieldNamed(instead.field) : undefined;
      let target = field;
      if (instead && other) {
        const choice = await askOne(this.generator, {
          type: 'select',
          name: 'clash',
          message: `${reason}.`,
          choices: [
            { name: instead.retry, value: field.name },
            { name: instead.choice, value: other.name },
          ],
        });
        if (choice === other.name) target = other;
      }
      // a clash without another way out says why its question comes again
      const answer = await this.ask(target, profile, target === other ? instead?.suggestion : undefined, instead ? undefined : reason);
      if (answer !== undefined) {
        profile[target.name] = answer;
        this.suppliedFields.add(target.name);
      }
    }
  }

  /** The first clash of the answers so far with the checkout, on a field that has a value. */
  private firstClash(profile: PartialProfile): Problem | undefined {
    // outside a checkout nothing clashes: the defaults are not even derived
    if (!this.checkoutRoot || !this.host.checkoutProblems) return undefined;
    return this.checkoutProblems(withDefaults(this.host.spec, profile)).find((p) => p.clash && profile[p.field] !== undefined);
  }

  /** The problems of a candidate profile that depend on the checkout (none outside one). */
  private checkoutProblems(candidate: PartialProfile): Problem[] {
    if (!this.checkoutRoot || !this.host.checkoutProblems) return [];
    const stored = storedProfile(this.generator.config, this.host.spec.host, String(candidate.name));
    return this.host.checkoutProblems(candidate, this.checkoutRoot, stored);
  }

  private fieldNamed(name: string): Field {
    const field = this.host.spec.fields.find((f) => f.name === name);
    if (!field) throw new Error(`The ${this.host.spec.host} profile declares no field ${name}`);
    return field;
  }

  /** The answer as a profile value, or undefined when left empty so that the default applies; `why` comes before the question. */
  private async ask(field: Field, profile: PartialProfile, defaultValue?: unknown, why?: string): Promise<unknown> {
    const question = questionFor(field, profile, defaultValue, (raw) => this.answerProblem(field, raw, profile));
    const answer = await askOne(this.generator, why ? { ...question, message: `${why}. ${String(question.message)}` } : question);
    this.promptedFields.set(field.name, String(question.message));
    return answerValue(field, answer);
  }

  /** An answer is checked as it is given, by the field's own declaration and the checkout's checks. */
  private answerProblem(field: Field, raw: unknown, profile: PartialProfile): true | string {
    const value = answerValue(field, raw);
    if (value === undefined) {
      const fallback = field.defaultFor?.(profile);
      return field.required && fallback === undefined ? `an answer is needed: ${field.help}` : true;
    }
    const candidate = withDefaults(this.host.spec, { ...profile, [field.name]: value });
    // a clash another field can settle too is asked about once this answer is in (settleClashes)
    const problems = findProblems(this.host.spec, candidate, this.checkoutProblems(candidate)).filter((p) => p.field === field.name && !p.clash?.instead);
    // a prompt names no flags: a clash says its reason
    return problems.length === 0 ? true : problems.map((p) => p.clash?.reason ?? p.message).join('; ');
  }
}
