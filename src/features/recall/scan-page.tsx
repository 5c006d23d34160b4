import { useLiveQuery } from 'dexie-react-hooks';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { db, type LocalItem } from '../../db/db';
import { markReturned } from '../../db/item-changes';
import { formatInstant } from '../../domain/dates';
import { matchScan, type ScanOutcome } from '../../domain/scan-match';
import { type CodeReader, createCodeReader } from './barcode-reader';

const PAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '-', '0'] as const;

// One decoder for the page's lifetime: the WebAssembly module is compiled once, on the first scan.
let codeReader: Promise<CodeReader> | null = null;
function reader(): Promise<CodeReader> {
  codeReader ??= createCodeReader();
  return codeReader;
}

async function loadAll() {
  const [items, lists] = await Promise.all([db.items.toArray(), db.lists.toArray()]);
  return { items, listTitles: new Map(lists.map((list) => [list.id, list.title])) };
}

/**
 * Find a certificate by camera, photo or number pad, then tick it with one more tap. A code that
 * matches nothing says why, in plain words.
 */
export function ScanPage() {
  const { t, i18n } = useTranslation();
  const data = useLiveQuery(loadAll);
  const [code, setCode] = useState('');
  const [outcome, setOutcome] = useState<ScanOutcome<LocalItem> | null>(null);
  const [ticked, setTicked] = useState<string | null>(null);
  const [cameraMessage, setCameraMessage] = useState<string | null>(null);
  const [cameraOn, setCameraOn] = useState(false);
  const videoRef = useRef<HTMLVideoElement>(null);

  const find = useCallback(
    (raw: string) => {
      if (!data) return;
      setTicked(null);
      setOutcome(matchScan(raw, data.items));
    },
    [data],
  );

  useEffect(() => {
    if (!cameraOn) return;
    let stopped = false;
    let stream: MediaStream | null = null;
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        const video = videoRef.current;
        if (!video || stopped) return;
        video.srcObject = stream;
        await video.play();
        const codes = await reader();
        while (!stopped) {
          const [first] = await codes.read(video).catch(() => []);
          if (first) {
            setCode(first);
            find(first);
            setCameraOn(false);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      } catch {
        setCameraMessage(t('scan.cameraDenied'));
        setCameraOn(false);
      }
    })();
    return () => {
      stopped = true;
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [cameraOn, find, t]);

  const readPhoto = async (file: File | undefined) => {
    if (!file) return;
    try {
      const [first] = await (await reader()).read(await createImageBitmap(file));
      if (first) {
        setCode(first);
        find(first);
      } else setOutcome({ kind: 'unreadable' });
    } catch {
      setOutcome({ kind: 'unreadable' });
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    find(code);
  };
  const tick = async (item: LocalItem) => {
    await markReturned(db, item.id, 'hand');
    setTicked(t('scan.ticked', { name: item.person.name }));
    setOutcome(null);
    setCode('');
  };
  const canUseCamera = typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);

  return (
    <>
      <Link className="back-link" to="/">
        {t('list.back')}
      </Link>
      <h1>{t('scan.title')}</h1>
      <p>{t('scan.lead')}</p>

      <div className="scan-camera">
        {canUseCamera && (
          <button type="button" className="button secondary" onClick={() => setCameraOn(!cameraOn)}>
            {cameraOn ? t('scan.stopCamera') : t('scan.camera')}
          </button>
        )}
        <label className="button secondary file-button">
          {t('scan.photo')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            className="visually-hidden"
            onChange={(event) => void readPhoto(event.target.files?.[0])}
          />
        </label>
        {cameraOn && (
          <figure className="camera-frame">
            <video ref={videoRef} muted playsInline />
            <figcaption>{t('scan.cameraHint')}</figcaption>
          </figure>
        )}
        {cameraMessage && <p className="form-error">{cameraMessage}</p>}
      </div>

      <form className="scan-form" onSubmit={onSubmit}>
        <label className="field">
          <span>{t('scan.code')}</span>
          <input
            name="code"
            inputMode="numeric"
            autoComplete="off"
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        </label>
        <div className="number-pad">
          {PAD_KEYS.map((key) => (
            <button
              key={key}
              type="button"
              className="button secondary pad-key"
              aria-label={key === '-' ? t('scan.hyphen') : key}
              onClick={() => setCode((current) => current + key)}
            >
              {key}
            </button>
          ))}
          <button
            type="button"
            className="button secondary pad-key"
            aria-label={t('scan.backspace')}
            onClick={() => setCode((current) => [...current].slice(0, -1).join(''))}
          >
            ⌫
          </button>
          <button type="button" className="button secondary" onClick={() => setCode('')}>
            {t('scan.clear')}
          </button>
          <button type="submit" className="button primary" disabled={!code.trim()}>
            {t('scan.find')}
          </button>
        </div>
      </form>

      <div className="scan-result" role="status" aria-live="polite">
        {ticked && <p className="ok">{ticked}</p>}
        {outcome && data && (
          <Outcome outcome={outcome} listTitles={data.listTitles} onTick={tick} language={i18n.language} />
        )}
      </div>
    </>
  );
}

function Outcome({
  outcome,
  listTitles,
  onTick,
  language,
}: {
  outcome: ScanOutcome<LocalItem>;
  listTitles: Map<string, string>;
  onTick: (item: LocalItem) => void;
  language: string;
}) {
  const { t } = useTranslation();
  if (outcome.kind === 'to_collect') {
    const { item } = outcome;
    return (
      <div className="scan-match">
        <p>{t('scan.found', { name: item.person.name, list: listTitles.get(item.listId) ?? '' })}</p>
        <button type="button" className="button primary" onClick={() => onTick(item)}>
          {t('scan.tick', { name: item.person.name })}
        </button>
      </div>
    );
  }
  const item = 'item' in outcome ? outcome.item : null;
  return (
    <p className="form-error">
      {t(`scan.outcome.${outcome.kind}`, {
        name: item?.person.name ?? '',
        time: item?.returnedAt ? formatInstant(item.returnedAt, language) : '',
        issueNo: item?.issueNo ?? '',
      })}
    </p>
  );
}
