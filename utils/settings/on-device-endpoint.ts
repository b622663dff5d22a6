/**
 * How settings name Chrome's built-in model: its own pseudo base URL. A module of constants
 * only, so settings (which the content script loads) do not pull in the model code.
 */
export const ON_DEVICE_BASE_URL = 'chrome-ai://on-device';
export const ON_DEVICE_MODEL = 'gemini-nano';

export function isOnDevice(endpoint: { baseUrl: string }): boolean {
  return endpoint.baseUrl === ON_DEVICE_BASE_URL;
}
