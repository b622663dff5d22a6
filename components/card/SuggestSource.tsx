import { useEffect, useId, useRef, useState } from 'react';
import { i18n } from '#i18n';
import type { SuggestionState } from './card-contract';

/**
 * "Suggest a source": the reader gives an address and the note is rewritten with it as
 * evidence. While that runs the note on screen stays and the form says so; if it fails the form
 * keeps the address and says why (role="alert"). Mounted once per note (keyed by it), so a
 * rewritten note starts with the form closed.
 */
export function SuggestSource({
  suggestion,
  onSubmit,
}: {
  suggestion: SuggestionState | undefined;
  onSubmit(url: string): void;
}) {
  const [open, setOpen] = useState(suggestion !== undefined);
  const [url, setUrl] = useState(suggestion?.url ?? '');
  /** Focus follows the reader's own clicks only: a card opened by hover takes no focus. */
  const moveFocus = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const inputId = useId();
  const hintId = useId();
  const working = suggestion !== undefined && suggestion.error === null;

  useEffect(() => {
    if (moveFocus.current) (open ? input : opener).current?.focus();
  }, [open]);

  const toggle = (next: boolean) => {
    moveFocus.current = true;
    setOpen(next);
  };

  if (!open && !working) {
    return (
      <button ref={opener} type="button" className="text-button" onClick={() => toggle(true)}>
        {i18n.t('suggestSource.open')}
      </button>
    );
  }
  return (
    <form
      className="suggest-source"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (url.trim()) onSubmit(url.trim());
      }}
    >
      <label htmlFor={inputId}>{i18n.t('suggestSource.label')}</label>
      <input
        ref={input}
        id={inputId}
        type="url"
        inputMode="url"
        placeholder="https://"
        value={url}
        disabled={working}
        aria-describedby={hintId}
        onChange={(event) => setUrl(event.target.value)}
      />
      <p className="suggest-hint" id={hintId}>
        {i18n.t('suggestSource.hint')}
      </p>
      {working && (
        <p className="writing" role="status">
          {i18n.t('suggestSource.working')}
        </p>
      )}
      {suggestion?.error && (
        <p className="suggest-error" role="alert">
          {i18n.t('suggestSource.failed')} {suggestion.error.message}
        </p>
      )}
      {!working && (
        <span className="card-actions">
          <button type="submit" className="text-button" disabled={!url.trim()}>
            {i18n.t('suggestSource.submit')}
          </button>
          <button type="button" className="text-button" onClick={() => toggle(false)}>
            {i18n.t('suggestSource.cancel')}
          </button>
        </span>
      )}
    </form>
  );
}
