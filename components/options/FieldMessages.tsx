import type { ReactNode } from 'react';

/** The ids a field's input must point to with aria-describedby: its hint, and its error if any. */
export function describedBy(fieldId: string, error: string | null): string {
  return error ? `${fieldId}-hint ${fieldId}-error` : `${fieldId}-hint`;
}

/** The hint under a field and, when the value was rejected, the error after it. */
export function FieldMessages({
  fieldId,
  hint,
  error,
}: {
  fieldId: string;
  hint: ReactNode;
  error: string | null;
}) {
  return (
    <>
      <p id={`${fieldId}-hint`} className="hint">
        {hint}
      </p>
      {error && (
        <p id={`${fieldId}-error`} className="field-error">
          {error}
        </p>
      )}
    </>
  );
}
