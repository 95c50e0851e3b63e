/**
 * Field builders shared by the channels' pay config schemas (cnf_pay). Each channel keeps its own
 * schema, the template of its pay config, in its own folder; these are only the pieces.
 */
import * as z from 'zod/mini';

/** Whether `load` accepts the text (does not throw). */
export function parses(load: (text: string) => unknown): (text: string) => boolean {
  return (text) => {
    try {
      load(text);
      return true;
    } catch {
      return false;
    }
  };
}

/** A non-empty string: an id. */
export const nonEmpty = () => z.string().check(z.minLength(1));

/** A string `load` accepts (a PEM key, a certificate...), `message` otherwise. */
export const loadable = (load: (text: string) => unknown, message: string) => z.string().check(z.refine(parses(load), message));

/** An http(s) URL, `defaultUrl` when absent. */
export const httpUrl = (defaultUrl: string) => z._default(z.url({ protocol: /^https?$/ }), defaultUrl);
