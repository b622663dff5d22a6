import { NOTE_LANGUAGES, resolveAnswerLanguage } from '../../utils/ai/answer-language';
import type { OnDeviceAvailability } from '../../utils/ai/on-device';
import { isOnDevice } from '../../utils/settings/on-device-endpoint';
import type { OnDeviceLanguageNotice, OptionsFormValues } from '../../components/options/types';

/** What Chrome's on-device model writes, probed once as the page loads. */
export interface OnDeviceLanguages {
  /** The language "auto" resolves to in this browser. */
  auto: string;
  /** Each of Footnote's answer languages, and `auto`'s: whether the model writes it. */
  writable: Record<string, boolean>;
}

/** Asks `writable` (the Prompt API, in the page) about every language the select can lead to. */
export async function probeOnDeviceLanguages(
  uiLanguage: string,
  writable: (languages: readonly string[]) => Promise<Record<string, boolean> | null>,
): Promise<OnDeviceLanguages | null> {
  const auto = resolveAnswerLanguage('auto', uiLanguage);
  const answers = await writable([...new Set([...NOTE_LANGUAGES, auto])]);
  return answers && { auto, writable: answers };
}

const NONE: OnDeviceLanguageNotice = { kind: 'none' };

/**
 * Whether to warn next to the answer language: only while the on-device model is the chosen
 * provider, the browser has it, and it is known not to write the language notes would be in.
 */
export function onDeviceLanguageNotice({
  form,
  onDevice,
  languages,
}: {
  form: Pick<OptionsFormValues, 'baseUrl' | 'answerLanguage'>;
  onDevice: OnDeviceAvailability | null;
  languages: OnDeviceLanguages | null;
}): OnDeviceLanguageNotice {
  // Where the model itself is missing every language reads as unsupported: that is not the problem.
  if (!languages || onDevice === null || onDevice === 'unavailable' || !isOnDevice(form)) return NONE;
  const language = form.answerLanguage === 'auto' ? languages.auto : form.answerLanguage;
  if (languages.writable[language] !== false) return NONE;
  return {
    kind: 'unsupported',
    language,
    choices: NOTE_LANGUAGES.filter((choice) => languages.writable[choice] === true),
  };
}
