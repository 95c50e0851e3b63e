/** The one logger every function uses: structured JSON, never a secret (see redaction in lib/http). */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'payee' });
