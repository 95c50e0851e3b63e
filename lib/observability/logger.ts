/** The one logger every function uses: structured JSON, never a secret (see redactSecrets). */
import { Logger } from '@aws-lambda-powertools/logger';
import { SECRET_FIELD_NAMES } from '../config/secret-fields.ts';

const SECRET_KEYS = new Set(SECRET_FIELD_NAMES);
const PRIVATE_KEY_PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----[^]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;

/**
 * Applied to every value of every log line: a pay config's secret field is logged as "[redacted]"
 * wherever it sits (a config, an error's details), and a PEM private key inside any string (an
 * error message quoting its input) is cut out.
 */
export function redactSecrets(key: string, value: unknown): unknown {
  if (SECRET_KEYS.has(key) && value !== undefined && value !== null) return '[redacted]';
  return typeof value === 'string' && value.includes('PRIVATE KEY-----') ? value.replace(PRIVATE_KEY_PEM, '[redacted private key]') : value;
}

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'payee', jsonReplacerFn: redactSecrets });
