import { useState, type ReactNode } from 'react';
import { i18n } from '#i18n';
import type { PartialNote } from '@/utils/core/note-schema';
import type { NoteMeta, Revision } from '@/utils/core/note-meta';

/**
 * Which version of a note the card shows. A note rewritten with a source the reader suggested
 * keeps the one before it (meta.revision): the notice switches to it, with its own evidence, and
 * back. Another post or a newer note shows itself first.
 */
export function useShownVersion(
  postKey: string,
  note: PartialNote | null,
  meta: NoteMeta | null,
): { note: PartialNote | null; meta: NoteMeta | null; notice: ReactNode } {
  const [firstShownOf, setFirstShownOf] = useState<string | null>(null);
  const revision = meta?.revision;
  if (!meta || !revision) return { note, meta, notice: null };
  const version = `${postKey}:${meta.createdAt}`;
  const showingFirst = firstShownOf === version;
  const notice = (
    <RevisionNotice
      showingFirst={showingFirst}
      onToggle={() => setFirstShownOf(showingFirst ? null : version)}
    />
  );
  return showingFirst
    ? { note: revision.previous.note, meta: firstVersionMeta(meta, revision), notice }
    : { note, meta, notice };
}

function RevisionNotice({ showingFirst, onToggle }: { showingFirst: boolean; onToggle(): void }) {
  return (
    <p className="revision-notice">
      <button type="button" className="link-button" onClick={onToggle}>
        {showingFirst ? i18n.t('suggestSource.backToRevised') : i18n.t('suggestSource.revised')}
      </button>
    </p>
  );
}

/** The first version's own evidence; what it was shown with otherwise was not kept. */
function firstVersionMeta(meta: NoteMeta, revision: Revision): NoteMeta {
  const { evidenceNotices: _notices, factCheckId: _factCheck, revision: _revision, ...rest } = meta;
  return { ...rest, evidence: revision.previous.evidence, createdAt: revision.previous.createdAt };
}
