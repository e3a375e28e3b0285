/** What a left-out module does when called anyway (see build/bundle.ts): fail, saying what is missing. */
export const notAvailable = (what: string) => (): never => {
  throw new Error(`generator-connector's bin does not include ${what}`);
};
