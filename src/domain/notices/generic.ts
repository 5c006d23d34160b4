/**
 * Generic wording for the public notice page (/n/:lang/:key), which carries no personal data: the
 * date placeholders are replaced by these phrases, written to fit the sentence around the
 * placeholder in each locale file (e.g. Russian "до {{returnBy}}" takes a genitive). Machine-assisted
 * like the translations themselves; see docs/translations.md.
 */
export type GenericWording = { returnBy: string; expiresOn: string };

export const GENERIC_WORDING: Record<string, GenericWording> = {
  ja: { returnBy: '事業所から案内された期日', expiresOn: '資格確認書に記載の日付' },
  'ja-easy': { returnBy: '会社が つたえた 日', expiresOn: '{資格確認書|しかくかくにんしょ}に 書いて ある 日' },
  en: { returnBy: 'the date your workplace gives you', expiresOn: 'the date printed on it' },
  'zh-Hans': { returnBy: '公司指定的日期', expiresOn: '证件上记载的日期' },
  ko: { returnBy: '사업장에서 안내한 날짜', expiresOn: '자격확인서에 기재된 날짜' },
  es: { returnBy: 'día que le indique su centro de trabajo', expiresOn: 'día indicado en el certificado' },
  tl: { returnBy: 'petsang ibibigay ng inyong pinagtatrabahuhan', expiresOn: 'sa petsang nakasulat dito' },
  'pt-BR': { returnBy: 'a data informada pelo seu local de trabalho', expiresOn: 'a data indicada no certificado' },
  vi: { returnBy: 'ngày do nơi làm việc thông báo', expiresOn: 'ngày ghi trên giấy' },
  th: { returnBy: 'ตามที่ที่ทำงานแจ้ง', expiresOn: 'ตามที่ระบุในหนังสือ' },
  id: { returnBy: 'tanggal yang diberitahukan oleh tempat kerja Anda', expiresOn: 'tanggal yang tertera pada surat' },
  ne: { returnBy: 'कार्यस्थलले तोकेको मिति', expiresOn: 'प्रमाणपत्रमा लेखिएको मिति' },
  my: { returnBy: 'လုပ်ငန်းခွင်မှ အကြောင်းကြားသည့် ရက်', expiresOn: 'လက်မှတ်ပေါ်တွင် ဖော်ပြထားသည့် ရက်' },
  fr: { returnBy: 'jour indiqué par votre lieu de travail', expiresOn: 'jour indiqué sur le document' },
  de: { returnBy: 'zum von Ihrem Arbeitgeber genannten Datum', expiresOn: 'zu dem auf dem Nachweis angegebenen Datum' },
  it: { returnBy: 'indicato dal Suo luogo di lavoro', expiresOn: 'indicato sul certificato' },
  ru: { returnBy: 'даты, указанной Вашим работодателем', expiresOn: 'даты, указанной на удостоверении,' },
  ms: { returnBy: 'tarikh yang dimaklumkan oleh tempat kerja anda', expiresOn: 'tarikh yang tertera pada sijil' },
  km: { returnBy: 'កាលបរិច្ឆេទដែលកន្លែងការងារជូនដំណឹង', expiresOn: 'កាលបរិច្ឆេទដែលមានចែងលើលិខិត' },
  mn: { returnBy: 'ажлын газраас мэдэгдсэн өдөр', expiresOn: 'гэрчилгээнд бичигдсэн огноо' },
  si: { returnBy: 'සේවා ස්ථානය දන්වන', expiresOn: 'සහතිකයේ සඳහන් දිනය' },
  hi: { returnBy: 'कार्यस्थल द्वारा बताई गई तारीख', expiresOn: 'प्रमाणपत्र पर लिखी तारीख' },
  bn: { returnBy: 'কর্মস্থল থেকে জানানো তারিখ', expiresOn: 'সনদে লেখা তারিখ' },
  ur: { returnBy: 'دفتر کی بتائی ہوئی تاریخ', expiresOn: 'سرٹیفکیٹ پر لکھی ہوئی تاریخ' },
};
