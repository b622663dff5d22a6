import { useRef, useState } from 'react';
import { i18n } from '#i18n';
import type { PartialNote } from '@/utils/core/note-schema';
import type { EvidenceItem } from '@/utils/core/evidence';
import type { NoteMeta } from '@/utils/core/note-meta';
import type { CardActions, CardModel, CardPage } from './card-contract';
import { ClaimItem } from './ClaimItem';
import { ClassificationChip } from './chips';
import { ErrorPanel } from './ErrorPanel';
import { EvidenceList } from './EvidenceList';
import { FactCheckBanner } from './FactCheckBanner';
import { noteAsText, type Translate } from './note-text';
import { PictureNotes } from './PictureNotes';
import { PlatformContextBanner } from './PlatformContextBanner';
import { QuickCheck } from './QuickCheck';
import { SelfCheckStatus } from './SelfCheckStatus';
import { SheetHandle } from './SheetHandle';
import { SuggestSource } from './SuggestSource';
import { useShownVersion } from './RevisionNotice';
import { VideoOutline, VideoProgressLine } from './VideoOutline';

/**
 * The in-page card: the context the platform itself shows on the post first (from the moment
 * the card opens), then an existing professional fact-check, the summary, the "readers added
 * context" note (or "Nothing to fact-check"), the claims with the evidence's own words, the
 * sources and "show my work"; until the note is written, the triage's quick check when the post
 * has one. The footer says whether the note passed its self-check and offers "Suggest a
 * source". Everything in it is untrusted (model output, post data, fetched pages) and rendered
 * as text by React; the only links are http(s) sources Footnote fetched itself. On a narrow
 * viewport it is a bottom sheet, with a handle that drags it closed.
 */
export function Card({ model, actions, page }: { model: CardModel; actions: CardActions; page: CardPage }) {
  const { state } = model;
  const note: PartialNote | null =
    state.status === 'done' ? state.note : state.status === 'streaming' ? state.partial : null;
  const meta = state.status === 'done' ? state.meta : null;
  const busy = state.status === 'loading' || state.status === 'streaming';
  // A note rewritten with the reader's source can show its first version instead.
  const shown = useShownVersion(model.postKey, note, meta);
  const dialog = useRef<HTMLDivElement>(null);
  return (
    <div
      ref={dialog}
      className="card"
      role="dialog"
      aria-label={i18n.t('card.label', ['@' + model.handle])}
      aria-busy={busy}
      tabIndex={-1}
    >
      <SheetHandle sheet={dialog} onClose={actions.close} />
      {/* Plain divs: a <header>/<footer> outside sectioning content would be a second page-wide
          banner/contentinfo landmark on the site. */}
      <div className="card-header">
        <span className="brand">Footnote</span>
        {shown.note?.classification && <ClassificationChip value={shown.note.classification} />}
        <button
          type="button"
          className="icon-button"
          aria-label={i18n.t('card.close')}
          onClick={actions.close}
        >
          ×
        </button>
      </div>
      <div className="card-body" aria-live="polite">
        {model.platformContext && (
          <PlatformContextBanner postKey={model.postKey} contexts={model.platformContext} />
        )}
        {model.triage && state.status !== 'done' && <QuickCheck triage={model.triage} />}
        {shown.notice}
        {shown.note ? (
          <NoteBody
            note={shown.note}
            meta={shown.meta}
            streaming={state.status === 'streaming'}
            hasVideo={model.hasVideo ?? false}
            actions={actions}
            onSeek={(seconds) => page.seekVideo(model.postKey.slice(model.postKey.indexOf(':') + 1), seconds)}
          />
        ) : (
          busy && (
            <>
              {state.status === 'loading' && state.progress && (
                <VideoProgressLine progress={state.progress} />
              )}
              <Skeleton />
            </>
          )
        )}
        {state.status === 'error' && (
          <ErrorPanel error={state.error} onOpenOptions={actions.openOptions} onRetry={actions.retry} />
        )}
        {state.status === 'nothing' && <p className="nothing">{i18n.t('card.nothing')}</p>}
      </div>
      {state.status === 'done' && <CardFooter model={model} meta={state.meta} actions={actions} />}
    </div>
  );
}

function NoteBody({
  note,
  meta,
  streaming,
  hasVideo,
  actions,
  onSeek,
}: {
  note: PartialNote;
  meta: NoteMeta | null;
  streaming: boolean;
  hasVideo: boolean;
  actions: CardActions;
  onSeek(seconds: number): void;
}) {
  const evidence: EvidenceItem[] = meta?.evidence ?? [];
  const factCheck = evidence.find((item) => item.id === meta?.factCheckId);
  return (
    <>
      {note.injection_detected && (
        <p className="injection" role="note">
          {i18n.t('card.injection')}
        </p>
      )}
      {factCheck && <FactCheckBanner item={factCheck} />}
      {note.summary !== undefined && (
        <section>
          <h2 className="section-title">{i18n.t('card.summary')}</h2>
          <p className="summary">{note.summary}</p>
        </section>
      )}
      {meta?.video && <VideoOutline video={meta.video} onSeek={onSeek} />}
      {note.classification === 'opinion' ? (
        <p className="nothing-to-check">{i18n.t('card.nothingToCheckHint')}</p>
      ) : note.note ? (
        <section className="context">
          <h2 className="section-title">{i18n.t('card.readersAddedContext')}</h2>
          <p>{note.note}</p>
        </section>
      ) : (
        !streaming && note.note === '' && <p className="no-context-note">{i18n.t('card.noContextNote')}</p>
      )}
      {/* An opinion's claims never show, not even while they stream (the rules drop them). */}
      {note.classification !== 'opinion' && note.claims && note.claims.length > 0 && (
        <section>
          <h2 className="section-title">{i18n.t('card.claims')}</h2>
          <ul className="claims">
            {note.claims.map((claim, i) => (
              <ClaimItem key={i} claim={claim} evidence={evidence} />
            ))}
          </ul>
        </section>
      )}
      {meta && (
        <EvidenceList
          items={evidence}
          notices={meta.evidenceNotices ?? []}
          linkRatings={meta.linkRatings}
          onOpenOptions={actions.openOptions}
        />
      )}
      {/* A video read from its transcript has its own lines (VideoOutline). */}
      {meta && <PictureNotes images={meta.images} hasVideo={hasVideo && !meta.video} />}
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

function CardFooter({ model, meta, actions }: { model: CardModel; meta: NoteMeta; actions: CardActions }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const { state } = model;
  const copy = () => {
    if (state.status !== 'done') return;
    const text = noteAsText(
      { handle: model.handle, note: state.note, evidence: meta.evidence, moments: meta.video?.moments },
      translate,
    );
    actions.copy(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <div className="card-footer">
      <span className="meta">
        {meta.model}
        {meta.fromCache && ` · ${i18n.t('card.fromCache')}`}
      </span>
      {meta.selfCheck && <SelfCheckStatus selfCheck={meta.selfCheck} />}
      <span className="card-actions">
        <button type="button" className="text-button" onClick={copy}>
          {i18n.t('card.copy')}
        </button>
        <button type="button" className="text-button" onClick={actions.openInPopup}>
          {i18n.t('card.openInPopup')}
        </button>
        <button type="button" className="text-button" onClick={actions.regenerate}>
          {i18n.t('card.regenerate')}
        </button>
      </span>
      <SuggestSource key={meta.createdAt} suggestion={model.suggestion} onSubmit={actions.suggestSource} />
      <span className="visually-hidden" role="status">
        {copied === 'copied' ? i18n.t('card.copied') : copied === 'failed' ? i18n.t('card.copyFailed') : ''}
      </span>
    </div>
  );
}

/** i18n.t with keys the note's values name at run time (every one exists: i18n-keys.test). */
const translate = i18n.t as Translate;

function Skeleton() {
  return (
    <div className="skeleton" aria-label={i18n.t('card.loading')} role="status">
      <span className="skeleton-line" />
      <span className="skeleton-line" />
      <span className="skeleton-line short" />
    </div>
  );
}
