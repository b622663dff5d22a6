import { browser } from 'wxt/browser';
import { resolveAnswerLanguage } from '../ai/answer-language';
import { cachedValue } from '../settings/cached-item';
import { answerLanguageItem } from '../settings/provider-items';

const savedLanguage = cachedValue(answerLanguageItem);

/** The language notes are written in now: the saved choice, or the browser's UI language. */
export async function loadAnswerLanguage(): Promise<string> {
  return resolveAnswerLanguage(await savedLanguage(), browser.i18n.getUILanguage());
}
