import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTICE_LANGUAGE_INFO } from '../../domain/notices/languages';
import { type PlaceError, placeErrors, ROOM_KINDS, type RoomKind } from '../../domain/notices/return-place';
import type { NoticeValues } from '../../domain/notices/types';
import { EMPTY_PLACE_SETTINGS, loadPlaceSettings, type PlaceSettings, savePlaceSettings } from './settings';

/** The office's structured return place, loaded per office and saved on this tablet. */
export function useReturnPlace(officeId: string): [PlaceSettings, (next: PlaceSettings) => void] {
  const [settings, setSettings] = useState<PlaceSettings>(EMPTY_PLACE_SETTINGS);
  useEffect(() => {
    if (officeId) setSettings(loadPlaceSettings(officeId));
  }, [officeId]);
  const save = useCallback(
    (next: PlaceSettings) => {
      savePlaceSettings(officeId, next);
      setSettings(next);
    },
    [officeId],
  );
  return [settings, save];
}

/** The parts of NoticeValues the structured place fills in. */
export function placeValues(settings: PlaceSettings | undefined): Partial<NoticeValues> {
  if (!settings) return {};
  return { place: settings.place, insurerReading: settings.insurerReading, insurerKana: settings.insurerKana };
}

const OTHER_LANGUAGES = NOTICE_LANGUAGE_INFO.filter((info) => info.code !== 'ja');

/**
 * Where members hand certificates in and whom they ask, as parts each notice language words itself
 * (issue 16). Japanese names stay as on the door, with the reading the clerk gives for other languages.
 */
export function ReturnPlaceForm({ value, onSave }: { value: PlaceSettings; onSave: (next: PlaceSettings) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const [floorText, setFloorText] = useState(value.place.floor === null ? '' : String(value.place.floor));
  const [noteLanguage, setNoteLanguage] = useState(OTHER_LANGUAGES[0]?.code ?? 'en');
  const [errors, setErrors] = useState<PlaceError[]>([]);
  const errorId = useId();
  useEffect(() => {
    setDraft(value);
    setFloorText(value.place.floor === null ? '' : String(value.place.floor));
  }, [value]);

  const place = draft.place;
  const setPlace = (patch: Partial<PlaceSettings['place']>) => setDraft({ ...draft, place: { ...place, ...patch } });
  const input = (
    label: string,
    current: string,
    onChange: (next: string) => void,
    options: { type?: 'text' | 'tel' | 'time'; lang?: string; inputMode?: 'numeric' } = {},
  ) => (
    <label className="notices-field wide">
      <span>{label}</span>
      <input
        type={options.type ?? 'text'}
        lang={options.lang}
        inputMode={options.inputMode}
        value={current}
        maxLength={120}
        aria-describedby={errors.length > 0 ? errorId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
  const noun = (which: 'department' | 'person') => (patch: Partial<PlaceSettings['place']['department']>) =>
    setPlace({ [which]: { ...place[which], ...patch } });
  const setNote = (code: string, text: string) => {
    const note = { ...place.note };
    if (text.trim()) note[code] = text;
    else delete note[code];
    setPlace({ note });
  };

  return (
    <details className="notices-settings return-place-form">
      <summary>{t('returnPlace.title')}</summary>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const floor = floorText.trim() === '' ? null : Number(floorText.trim());
          const hours = place.hours && (place.hours.from || place.hours.to) ? place.hours : null;
          const next: PlaceSettings = { ...draft, place: { ...place, floor: Number.isNaN(floor) ? -1 : floor, hours } };
          const found = placeErrors(next.place, [next.insurerReading], [next.insurerKana]);
          setErrors(found);
          if (found.length === 0) onSave(next);
        }}
      >
        <p>{t('returnPlace.hint')}</p>
        {errors.length > 0 && (
          <div id={errorId} role="alert" className="form-error">
            <p>{t('returnPlace.errors.fixFirst')}</p>
            <ul>
              {errors.map((error) => (
                <li key={error}>{t(`returnPlace.errors.${error}`)}</li>
              ))}
            </ul>
          </div>
        )}
        {input(t('returnPlace.department'), place.department.name, (name) => noun('department')({ name }), {
          lang: 'ja',
        })}
        {input(t('returnPlace.departmentReading'), place.department.reading, (reading) =>
          noun('department')({ reading }),
        )}
        {input(t('returnPlace.departmentKana'), place.department.kana ?? '', (kana) => noun('department')({ kana }), {
          lang: 'ja',
        })}
        {input(t('returnPlace.floor'), floorText, setFloorText, { inputMode: 'numeric' })}
        <label className="notices-field wide">
          <span>{t('returnPlace.room')}</span>
          <select
            value={place.room ?? ''}
            onChange={(event) => setPlace({ room: (event.target.value || null) as RoomKind | null })}
          >
            <option value="">{t('returnPlace.roomNone')}</option>
            {ROOM_KINDS.map((room) => (
              <option key={room} value={room}>
                {t(`returnPlace.rooms.${room}`)}
              </option>
            ))}
          </select>
        </label>
        {input(
          t('returnPlace.hoursFrom'),
          place.hours?.from ?? '',
          (from) => setPlace({ hours: { from, to: place.hours?.to ?? '' } }),
          { type: 'time' },
        )}
        {input(
          t('returnPlace.hoursTo'),
          place.hours?.to ?? '',
          (to) => setPlace({ hours: { from: place.hours?.from ?? '', to } }),
          { type: 'time' },
        )}
        {input(t('returnPlace.person'), place.person.name, (name) => noun('person')({ name }), { lang: 'ja' })}
        {input(t('returnPlace.personReading'), place.person.reading, (reading) => noun('person')({ reading }))}
        {input(t('returnPlace.personKana'), place.person.kana ?? '', (kana) => noun('person')({ kana }), {
          lang: 'ja',
        })}
        {input(t('returnPlace.extension'), place.extension, (extension) => setPlace({ extension }), {
          type: 'tel',
        })}
        {input(t('returnPlace.phone'), place.phone, (phone) => setPlace({ phone }), { type: 'tel' })}
        {input(t('returnPlace.insurerReading'), draft.insurerReading, (insurerReading) =>
          setDraft({ ...draft, insurerReading }),
        )}
        {input(t('returnPlace.insurerKana'), draft.insurerKana, (insurerKana) => setDraft({ ...draft, insurerKana }), {
          lang: 'ja',
        })}
        <p className="notices-hint">{t('returnPlace.noteHint')}</p>
        {input(t('returnPlace.noteJa'), place.note.ja ?? '', (text) => setNote('ja', text), { lang: 'ja' })}
        <label className="notices-field wide">
          <span>{t('returnPlace.noteLanguage')}</span>
          <select value={noteLanguage} onChange={(event) => setNoteLanguage(event.target.value)}>
            {OTHER_LANGUAGES.map((info) => (
              <option key={info.code} value={info.code} lang={info.htmlLang}>
                {info.name}
              </option>
            ))}
          </select>
        </label>
        {input(t('returnPlace.noteOther'), place.note[noteLanguage] ?? '', (text) => setNote(noteLanguage, text), {
          lang: OTHER_LANGUAGES.find((info) => info.code === noteLanguage)?.htmlLang,
        })}
        <button type="submit" className="button primary">
          {t('returnPlace.save')}
        </button>
      </form>
    </details>
  );
}
