import { browser } from 'wxt/browser';
import { requestClient, type Send } from './client';
import { CONTENT_SCRIPT_REQUESTS, type ContentScriptRequests } from './protocol';

/** The content script's requests to the background: only those it may send, typed by their answers. */
export const sendToBackground: Send<ContentScriptRequests> = requestClient(
  CONTENT_SCRIPT_REQUESTS,
  (request) => browser.runtime.sendMessage(request),
);
