import { listEndpointModels } from '../ai/stream-completion';
import { NoteFailure } from '../ai/provider-errors';
import { noteError } from '../core/note-error';
import { toEndpoint } from '../notes/provider-endpoint';
import type { ProviderTestResult } from '../messaging/extension-page-protocol';
import { isValidBaseUrl, type ProviderDraft } from '../settings/provider-settings';
import { allowTestedEndpoint } from './private-network-guard';

/** "Test connection": lists the endpoint's models with settings that may not be saved yet. */
export async function testProvider(draft: ProviderDraft): Promise<ProviderTestResult> {
  if (!isValidBaseUrl(draft.baseUrl)) {
    return { ok: false, error: noteError('invalid_request', `"${draft.baseUrl}" is not an http(s) URL.`) };
  }
  await allowTestedEndpoint(draft.baseUrl);
  try {
    return { ok: true, models: await listEndpointModels(toEndpoint(draft, draft.apiKey)) };
  } catch (err) {
    if (err instanceof NoteFailure) return { ok: false, error: err.error };
    throw err;
  }
}
