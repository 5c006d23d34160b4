import type { Recipient } from '../../domain/notices/recipients';
import type { NoticeValues } from '../../domain/notices/types';
import type { NoticeSettings } from './settings';

/** What fills a notice's placeholders for one member. */
export function valuesFor(recipient: Recipient, settings: NoticeSettings): NoticeValues {
  return {
    name: recipient.name,
    returnBy: recipient.returnBy,
    expiresOn: recipient.expiresOn,
    returnTo: settings.returnTo,
    officeContact: settings.officeContact,
    insurerName: settings.insurerName,
    insurerPhone: settings.insurerPhone,
  };
}
