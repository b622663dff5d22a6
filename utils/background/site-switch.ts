import { noteError } from '../core/note-error';
import { MessageRefusedError } from '../messaging/message-errors';
import { disableSite, enableSite } from './dynamic-sites';
import { enableableOrigin } from '../settings/site-origins';

/** Runs Footnote on an origin from now on, or no longer; anything but an http(s) origin is refused. */
export async function switchSite(origin: string, on: boolean): Promise<void> {
  const valid = enableableOrigin(origin);
  if (valid === null)
    throw new MessageRefusedError(noteError('invalid_request', `"${origin}" is not an http(s) origin.`));
  if (on) await enableSite(valid);
  else await disableSite(valid);
}
