/** Sending one request to a provider, shared by the channels' clients. */
import type { ProviderRequest, ProviderResponse } from '../http/provider-http.ts';
import { ProviderUnavailable } from '../domain/errors.ts';
import type { ChannelCall } from './channel.ts';

/**
 * Sends `request` with the call's timeout and returns the provider's response, whatever its status.
 * No response at all (network error, timeout) means the outcome is unknown: ProviderUnavailable,
 * its message `what: <error>`.
 */
export async function callProvider(
  call: Pick<ChannelCall<unknown>, 'http' | 'timeoutMs'>,
  url: URL | string,
  request: Omit<ProviderRequest, 'timeoutMs'>,
  what: string,
): Promise<ProviderResponse> {
  try {
    return await call.http(url, { ...request, timeoutMs: call.timeoutMs });
  } catch (error) {
    throw new ProviderUnavailable(`${what}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}
