import { i18n } from '#i18n';
import type { ImageCapability } from '../../utils/core/images';

/** What is known of the chosen model; null while no model is chosen (the line is left out). */
export type ModelReadsImages = ImageCapability | 'unknown' | null;

export interface SendImagesFieldProps {
  checked: boolean;
  modelReadsImages: ModelReadsImages;
  onChange(checked: boolean): void;
}

function readsText(reads: Exclude<ModelReadsImages, null>): string {
  switch (reads) {
    case 'yes':
      return i18n.t('images.readsYes');
    case 'no':
      return i18n.t('images.readsNo');
    case 'unknown':
      return i18n.t('images.readsUnknown');
  }
}

/**
 * "Send pictures to the model" (part of the settings form, saved with Save), and whether the
 * chosen model reads them: learnt from it, or known before it was tried (image-capability.ts).
 */
export function SendImagesField({ checked, modelReadsImages, onChange }: SendImagesFieldProps) {
  return (
    <div className="checkbox-field">
      <input
        id="send-images"
        type="checkbox"
        checked={checked}
        aria-describedby={modelReadsImages ? 'send-images-hint send-images-model' : 'send-images-hint'}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <div>
        <label htmlFor="send-images">{i18n.t('images.send')}</label>
        <p id="send-images-hint" className="hint">
          {i18n.t('images.sendHint')}
        </p>
        {modelReadsImages && (
          <p id="send-images-model" className="hint">
            {i18n.t('images.modelReads', [readsText(modelReadsImages)])}
          </p>
        )}
      </div>
    </div>
  );
}
