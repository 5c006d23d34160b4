import type { Recipient } from '../../domain/notices/recipients';
import { kanaToRomaji } from '../../domain/notices/romaji';
import type { NoticeValues } from '../../domain/notices/types';
import { placeValues } from './return-place-form';
import type { NoticeSettings, PlaceSettings } from './settings';

/** What fills a notice's placeholders for one member. */
export function valuesFor(recipient: Recipient, settings: NoticeSettings, place?: PlaceSettings): NoticeValues {
  return {
    name: recipient.name,
    nameReading: kanaToRomaji(recipient.kana),
    nameKana: recipient.kana,
    returnBy: recipient.returnBy,
    expiresOn: recipient.expiresOn,
    returnTo: settings.returnTo,
    officeContact: settings.officeContact,
    insurerName: settings.insurerName,
    insurerPhone: settings.insurerPhone,
    ...placeValues(place),
  };
}
