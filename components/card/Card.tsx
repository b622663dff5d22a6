import { i18n } from '#i18n';
import type { Claim, Classification, PartialNote, Verdict } from '@/utils/ai/note-schema';
import type { NoteError } from '@/utils/notes/note-error';
import type { CardActions, CardModel } from './card-contract';

/**
 * The in-page card: summary first, then the "readers added context" note, the claims, and
 * "show my work". Everything in it is untrusted (model output, post data) and rendered as
 * text by React; nothing becomes HTML or a link.
 */
export function Card({ model, actions }: { model: CardModel; actions: CardActions }) {
  const { state } = model;
  const note: PartialNote | null =
    state.status === 'done' ? state.note : state.status === 'streaming' ? state.partial : null;
  const busy = state.status === 'loading' || state.status === 'streaming';
  return (
    <div
      className="card"
      role="dialog"
      aria-label={i18n.t('card.label', ['@' + model.handle])}
      aria-busy={busy}
      tabIndex={-1}
    >
      {/* Plain divs: a <header>/<footer> outside sectioning content would be a second page-wide
          banner/contentinfo landmark on the site. */}
      <div className="card-header">
        <span className="brand">Footnote</span>
        {note?.classification && <ClassificationChip value={note.classification} />}
        <button type="button" className="icon-button" aria-label={i18n.t('card.close')} onClick={actions.close}>
          ×
        </button>
      </div>
      <div className="card-body" aria-live="polite">
        {note ? <NoteBody note={note} streaming={state.status === 'streaming'} /> : busy && <Skeleton />}
        {state.status === 'error' && <ErrorPanel error={state.error} actions={actions} />}
      </div>
      {state.status === 'done' && (
        <div className="card-footer">
          <span className="meta">
            {state.meta.model}
            {state.meta.fromCache && ` · ${i18n.t('card.fromCache')}`}
          </span>
          <button type="button" className="text-button" onClick={actions.regenerate}>
            {i18n.t('card.regenerate')}
          </button>
        </div>
      )}
    </div>
  );
}

function NoteBody({ note, streaming }: { note: PartialNote; streaming: boolean }) {
  return (
    <>
      {note.injection_detected && (
        <p className="injection" role="note">
          {i18n.t('card.injection')}
        </p>
      )}
      {note.summary !== undefined && (
        <section>
          <h2 className="section-title">{i18n.t('card.summary')}</h2>
          <p className="summary">{note.summary}</p>
        </section>
      )}
      {note.note ? (
        <section className="context">
          <h2 className="section-title">{i18n.t('card.readersAddedContext')}</h2>
          <p>{note.note}</p>
        </section>
      ) : null}
      {note.claims && note.claims.length > 0 && (
        <section>
          <h2 className="section-title">{i18n.t('card.claims')}</h2>
          <ul className="claims">
            {note.claims.map((claim, i) => (
              <ClaimItem key={i} claim={claim} />
            ))}
          </ul>
        </section>
      )}
      {note.detail ? (
        <details className="detail">
          <summary>{i18n.t('card.detail')}</summary>
          <p>{note.detail}</p>
        </details>
      ) : null}
      {streaming && <p className="writing">{i18n.t('card.loading')}</p>}
    </>
  );
}

function ClaimItem({ claim }: { claim: Partial<Claim> }) {
  return (
    <li className="claim">
      {claim.quote && <blockquote className="quote">{claim.quote}</blockquote>}
      {claim.claim && <p className="claim-text">{claim.claim}</p>}
      <div className="claim-verdict">
        {claim.verdict && <VerdictChip value={claim.verdict} />}
        {claim.confidence !== undefined && <ConfidenceMeter value={claim.confidence} />}
      </div>
      {claim.explanation && <p className="explanation">{claim.explanation}</p>}
    </li>
  );
}

function ClassificationChip({ value }: { value: Classification }) {
  return <span className={`chip chip-${value}`}>{i18n.t(`classification.${value}`)}</span>;
}

function VerdictChip({ value }: { value: Verdict }) {
  return <span className={`chip chip-verdict-${value}`}>{i18n.t(`verdict.${value}`)}</span>;
}

function ConfidenceMeter({ value }: { value: number }) {
  const percent = Math.round(value * 100);
  const label = i18n.t('card.confidence', [String(percent)]);
  return (
    <span className="confidence">
      <span className="meter" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={label}>
        <span className="meter-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="meter-text">{label}</span>
    </span>
  );
}

function ErrorPanel({ error, actions }: { error: NoteError; actions: CardActions }) {
  return (
    <div className="error" role="alert">
      <p className="error-title">{i18n.t(`error.${error.code}`)}</p>
      <p className="error-detail">{error.message}</p>
      {error.action === 'open_options' && (
        <button type="button" className="action-button" onClick={actions.openOptions}>
          {i18n.t('card.openOptions')}
        </button>
      )}
      {error.action === 'retry' && (
        <button type="button" className="action-button" onClick={actions.retry}>
          {i18n.t('card.retry')}
        </button>
      )}
    </div>
  );
}

function Skeleton() {
  return (
    <div className="skeleton" aria-label={i18n.t('card.loading')} role="status">
      <span className="skeleton-line" />
      <span className="skeleton-line" />
      <span className="skeleton-line short" />
    </div>
  );
}
