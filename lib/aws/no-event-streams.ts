/**
 * Bundled in place of `@smithy/core/event-streams` (an esbuild alias set by the PayeeFunction
 * construct). The SDK imports it lazily, only for event-stream operations (Transcribe, Bedrock
 * streaming...); DynamoDB and SQS have none, so it would be 13 KB of every bundle never run.
 * Should a future client need it, this fails loudly instead of misbehaving.
 */
const missing = () => {
  throw new Error('event streams are not bundled in payee functions (see lib/aws/no-event-streams.ts)');
};

export class EventStreamSerde {
  constructor() {
    missing();
  }
}

export const eventStreamSerdeProvider = missing;

/**
 * S3's client resolves its event-stream marshaller when it is built (for SelectObjectContent,
 * which payee never calls): left unresolved, so building the client works and such a call fails.
 */
export const resolveEventStreamSerdeConfig = <T>(input: T): T => input;
