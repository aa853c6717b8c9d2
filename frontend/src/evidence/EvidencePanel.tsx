import { useRef, useState } from 'preact/hooks';
import { addLink, evidenceContentUrl, listEvidence, retractEvidence, uploadEvidence } from '../api/evidence';
import { asProblem, type Problem } from '../api/problem';
import { STANCES, type ClaimView, type EvidenceView, type LinkInput, type Me, type Stance } from '../api/types';
import { formatBytes, formatDateTime, humanize, shortHash } from '../ui/format';
import { ProblemMessage } from '../ui/Problem';
import { SelectField } from '../ui/SelectField';
import { useAction, useAsync } from '../ui/useAsync';
import { mayAddEvidence, mayRetract } from './rules';

export function EvidencePanel({ claim, me, onChanged }: { claim: ClaimView; me: Me | null | undefined; onChanged: () => void }) {
  const list = useAsync(() => listEvidence(claim.id), [claim.id]);
  const items = list.data?.items ?? [];
  const add = mayAddEvidence(claim, me);
  const refresh = () => {
    list.reload();
    onChanged();
  };
  return (
    <section class="card" aria-labelledby="evidence-title">
      <h2 id="evidence-title">Evidence ({items.length})</h2>
      <ProblemMessage problem={list.problem} />
      {items.length === 0 && !list.loading && !list.problem ? <p class="muted">No evidence yet.</p> : null}
      <ul class="evidence-list" aria-label="Evidence items">
        {items.map((ev) => (
          <EvidenceItem key={ev.id} ev={ev} canRetract={mayRetract(claim, ev, me)} onRetracted={refresh} />
        ))}
      </ul>
      {add ? (
        <>
          <UploadForm claimId={claim.id} onUploaded={refresh} />
          <LinkForm claimId={claim.id} onAdded={refresh} />
        </>
      ) : (
        <p class="muted">Evidence can be added by fact-checkers and editors while the claim is being researched.</p>
      )}
    </section>
  );
}

function EvidenceItem({ ev, canRetract, onRetracted }: { ev: EvidenceView; canRetract: boolean; onRetracted: () => void }) {
  const [retracting, setRetracting] = useState(false);
  const action = useAction();
  const name = ev.kind === 'FILE' ? ev.fileName || `File #${ev.id}` : ev.title || ev.url || `Link #${ev.id}`;
  return (
    <li class={ev.retracted ? 'evidence retracted' : 'evidence'}>
      <div>
        <span class={`stance stance-${ev.stance.toLowerCase()}`}>{humanize(ev.stance)}</span>{' '}
        <span class="kind">{ev.kind === 'FILE' ? 'File' : 'Link'}</span>{' '}
        {ev.kind === 'FILE' ? (
          <a href={evidenceContentUrl(ev.id)} download>
            {name}
          </a>
        ) : (
          <a href={ev.url ?? '#'} rel="noopener noreferrer nofollow" target="_blank">
            {name}
          </a>
        )}
        {ev.retracted ? <strong class="retracted-marker"> [Retracted]</strong> : null}
      </div>
      <div class="muted small">
        {ev.kind === 'FILE' ? (
          <>
            {ev.contentType} · {formatBytes(ev.size)} ·{' '}
            <span title={ev.sha256 ?? ''}>SHA-256 {shortHash(ev.sha256)}</span> ·{' '}
          </>
        ) : (
          <>
            {ev.publisher ? `${ev.publisher} · ` : ''}
            {ev.archiveUrl ? (
              <>
                <a href={ev.archiveUrl} rel="noopener noreferrer nofollow" target="_blank">
                  archived copy
                </a>{' '}
                ·{' '}
              </>
            ) : null}
          </>
        )}
        added by {ev.addedBy}, <time dateTime={ev.addedAt}>{formatDateTime(ev.addedAt)}</time>
      </div>
      {ev.note ? <p class="note">{ev.note}</p> : null}
      {ev.retracted && ev.retractionReason ? (
        <p class="small">
          Retracted by {ev.retractedBy}: {ev.retractionReason}
        </p>
      ) : null}
      {canRetract ? (
        retracting ? (
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              const reason = String(new FormData(e.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
              const r = await action.run(() => retractEvidence(ev.id, reason));
              if (r) {
                setRetracting(false);
                onRetracted();
              }
            }}
          >
            <label>
              Reason for retracting “{name}”
              <input name="reason" required />
            </label>
            <button type="submit" disabled={action.busy}>
              Retract evidence
            </button>
            <button type="button" onClick={() => setRetracting(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <button type="button" class="link-button" aria-label={`Retract ${name}`} onClick={() => setRetracting(true)}>
            Retract
          </button>
        )
      ) : null}
      <ProblemMessage problem={action.problem} />
    </li>
  );
}

function StanceSelect({ value, onChange }: { id?: string; value: Stance; onChange: (s: Stance) => void }) {
  return (
    <SelectField label="Stance" value={value} onChange={(e) => onChange(e.currentTarget.value as Stance)}>
      {STANCES.map((s) => (
        <option key={s} value={s}>
          {humanize(s)}
        </option>
      ))}
    </SelectField>
  );
}

function UploadForm({ claimId, onUploaded }: { claimId: number; onUploaded: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [stance, setStance] = useState<Stance>('SUPPORTS');
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [over, setOver] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const upload = async () => {
    if (!file) return;
    setProblem(null);
    setDone(null);
    setProgress(0);
    try {
      const ev = await uploadEvidence(claimId, file, { stance, note }, setProgress).promise;
      setDone(`Uploaded ${ev.fileName ?? file.name}.`);
      setFile(null);
      setNote('');
      if (inputRef.current) inputRef.current.value = '';
      onUploaded();
    } catch (e) {
      setProblem(asProblem(e));
    } finally {
      setProgress(null);
    }
  };

  return (
    <form
      class="upload"
      aria-labelledby={`upload-title-${claimId}`}
      onSubmit={(e) => {
        e.preventDefault();
        upload();
      }}
    >
      <h3 id={`upload-title-${claimId}`}>Upload a file</h3>
      <div
        class={over ? 'dropzone over' : 'dropzone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const f = e.dataTransfer?.files?.[0];
          if (f) setFile(f);
        }}
      >
        <p>Drop a file here, or</p>
        <label>
          Choose file
          <input ref={inputRef} type="file" name="file" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </label>
        {file ? (
          <p>
            Selected: {file.name} ({formatBytes(file.size)})
          </p>
        ) : null}
      </div>
      <div class="grid2">
        <StanceSelect id={`upload-stance-${claimId}`} value={stance} onChange={setStance} />
        <label>
          Note about the file
          <input value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </div>
      {progress !== null ? (
        <label>
          Upload progress
          <progress max={1} value={progress}>
            {Math.round(progress * 100)}%
          </progress>
          <span> {Math.round(progress * 100)}%</span>
        </label>
      ) : null}
      <ProblemMessage problem={problem} />
      {done ? <p role="status">{done}</p> : null}
      <button type="submit" disabled={!file || progress !== null}>
        Upload file
      </button>
    </form>
  );
}

function LinkForm({ claimId, onAdded }: { claimId: number; onAdded: () => void }) {
  const [stance, setStance] = useState<Stance>('REFUTES');
  const action = useAction();
  return (
    <form
      class="link-form"
      aria-labelledby={`link-title-${claimId}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget as HTMLFormElement;
        const fd = new FormData(form);
        const str = (k: string) => String(fd.get(k) ?? '').trim();
        const link: LinkInput = { url: str('url'), title: str('title'), stance };
        if (str('publisher')) link.publisher = str('publisher');
        if (str('archiveUrl')) link.archiveUrl = str('archiveUrl');
        if (str('accessedAt')) link.accessedAt = new Date(str('accessedAt')).toISOString();
        if (str('note')) link.note = str('note');
        const ev = await action.run(() => addLink(claimId, link));
        if (ev) {
          form.reset();
          onAdded();
        }
      }}
    >
      <h3 id={`link-title-${claimId}`}>Add a link</h3>
      <div class="grid2">
        <label>
          Link URL
          <input name="url" type="url" required placeholder="https://" />
        </label>
        <label>
          Link title
          <input name="title" required />
        </label>
        <label>
          Publisher
          <input name="publisher" />
        </label>
        <label>
          Archive URL
          <input name="archiveUrl" type="url" placeholder="https://" />
        </label>
        <label>
          Accessed at
          <input name="accessedAt" type="datetime-local" />
        </label>
        <StanceSelect id={`link-stance-${claimId}`} value={stance} onChange={setStance} />
      </div>
      <label>
        Note about the link
        <input name="note" />
      </label>
      <ProblemMessage problem={action.problem} />
      <button type="submit" disabled={action.busy}>
        Add link
      </button>
    </form>
  );
}
