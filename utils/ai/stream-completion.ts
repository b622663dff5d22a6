import { listOnDeviceModels, streamOnDevice } from './on-device';
import { isOnDevice } from '../settings/on-device-endpoint';
import { listModels, streamChatJson, type ChatEndpoint } from './openai-chat';

/** One streamed completion from whichever kind of model the endpoint is. */
export const streamCompletion: typeof streamChatJson = (endpoint, ...rest) =>
  isOnDevice(endpoint) ? streamOnDevice(endpoint, ...rest) : streamChatJson(endpoint, ...rest);

/** The endpoint's models ("Test connection"). */
export function listEndpointModels(endpoint: ChatEndpoint): Promise<string[]> {
  return isOnDevice(endpoint) ? listOnDeviceModels() : listModels(endpoint);
}
