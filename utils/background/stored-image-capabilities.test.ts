import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { outputModeKey } from '../ai/output-modes';
import { storedImageCapabilities } from './stored-image-capabilities';

const llama = outputModeKey('http://localhost:11434/v1', 'llama3.1');
const gpt = outputModeKey('https://api.openai.com/v1', 'gpt-4o-mini');

describe('the stored image capabilities', () => {
  beforeEach(() => fakeBrowser.reset());

  it('start from the known models, remember what was learnt, and forget it with the cache', async () => {
    expect(await storedImageCapabilities.get(llama)).toBeUndefined();
    expect(await storedImageCapabilities.get(gpt)).toBe('yes');

    await storedImageCapabilities.set(llama, 'no');
    await storedImageCapabilities.set(gpt, 'no');
    expect(await storedImageCapabilities.get(llama)).toBe('no');
    expect(await storedImageCapabilities.get(gpt)).toBe('no');
    expect(await fakeBrowser.storage.local.get('imageCapabilities')).toEqual({
      imageCapabilities: { [llama]: 'no', [gpt]: 'no' },
    });

    await storedImageCapabilities.forget();
    expect(await storedImageCapabilities.get(llama)).toBeUndefined();
    expect(await storedImageCapabilities.get(gpt)).toBe('yes');
  });
});
