// Verifier page translations: English, Belarusian, Polish, Lithuanian, German. Reason texts are keyed by
// the core's reason codes, field labels by the schema field names, so nothing here depends on wording elsewhere.

import type { ReasonCode } from '../../core/reasons.js';

export const LANGUAGES = ['en', 'be', 'pl', 'lt', 'de'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Lang, string> = {
  en: 'English',
  be: 'Беларуская',
  pl: 'Polski',
  lt: 'Lietuvių',
  de: 'Deutsch',
};

type Ui = {
  title: string;
  scan: string;
  stopScan: string;
  upload: string;
  paste: string;
  verify: string;
  valid: string;
  notValid: string;
  issuedBy: string;
  signedAt: string;
  checkedAt: string;
  trustList: string;
  statusList: string;
  stale: string;
  offlineReady: string;
  noCamera: string;
  noCode: string;
  noTrust: string;
  compare: string;
  dataNotProof: string;
  revocationNotChecked: string;
  unconfirmed: string;
  logCopy: string;
  witnessed: string;
  documents: string;
  language: string;
  download: string;
  issued: string;
  nextUpdate: string;
  online: string;
  offline: string;
  scanning: string;
};

export const UI: Record<Lang, Ui> = {
  en: {
    title: 'New Belarus document verifier',
    scan: 'Scan with camera',
    stopScan: 'Stop camera',
    upload: 'Photo of the code',
    paste: 'Or paste the code text (NB1:...)',
    verify: 'Verify',
    valid: 'VALID',
    notValid: 'NOT VALID',
    issuedBy: 'Issued by',
    signedAt: 'Signed',
    checkedAt: 'Checked on this device',
    trustList: 'Trust list',
    statusList: 'Revocation list',
    stale: 'out of date: connect to the internet to refresh',
    offlineReady: 'Works offline',
    noCamera: 'No camera available or permission refused.',
    noCode: 'No QR code found in the image.',
    noTrust: 'No valid trust list: this device cannot verify documents until it has been online once.',
    compare: 'Compare with the document in hand:',
    dataNotProof: 'Signed data, shown for information only. Do not accept the document.',
    revocationNotChecked: 'Revocation not checked',
    unconfirmed: 'CANNOT CONFIRM – check by other means',
    logCopy: 'Public log',
    witnessed: 'witnessed',
    documents: 'documents',
    language: 'Language',
    download: 'Download offline verifier (single file)',
    issued: 'issued',
    nextUpdate: 'next update',
    online: 'online',
    offline: 'offline',
    scanning: 'Point the camera at the QR code…',
  },
  be: {
    title: 'Праверка дакументаў Новай Беларусі',
    scan: 'Сканаваць камерай',
    stopScan: 'Спыніць камеру',
    upload: 'Фота кода',
    paste: 'Або ўстаўце тэкст кода (NB1:...)',
    verify: 'Праверыць',
    valid: 'САПРАЎДНЫ',
    notValid: 'НЕСАПРАЎДНЫ',
    issuedBy: 'Выдадзены',
    signedAt: 'Падпісаны',
    checkedAt: 'Праверана на гэтай прыладзе',
    trustList: 'Спіс давераных ключоў',
    statusList: 'Спіс анулявання',
    stale: 'састарэў: падключыцеся да інтэрнэту, каб абнавіць',
    offlineReady: 'Працуе без сеткі',
    noCamera: 'Камера недаступная або доступ забаронены.',
    noCode: 'На выяве не знойдзена QR-кода.',
    noTrust:
      'Няма сапраўднага спіса давераных ключоў: прылада не можа правяраць дакументы, пакуль не будзе хоць раз у сетцы.',
    compare: 'Параўнайце з дакументам:',
    dataNotProof: 'Падпісаныя даныя, толькі для звестак. Не прымайце дакумент.',
    revocationNotChecked: 'Ануляванне не праверана',
    unconfirmed: 'НЕМАГЧЫМА ПАЦВЕРДЗІЦЬ – праверце іншым спосабам',
    logCopy: 'Публічны журнал',
    witnessed: 'засведчаны',
    documents: 'дакументаў',
    language: 'Мова',
    download: 'Спампаваць праверку для працы без сеткі (адзін файл)',
    issued: 'выдадзены',
    nextUpdate: 'наступнае абнаўленне',
    online: 'у сетцы',
    offline: 'без сеткі',
    scanning: 'Навядзіце камеру на QR-код…',
  },
  pl: {
    title: 'Weryfikacja dokumentów Nowej Białorusi',
    scan: 'Skanuj aparatem',
    stopScan: 'Zatrzymaj aparat',
    upload: 'Zdjęcie kodu',
    paste: 'Lub wklej tekst kodu (NB1:...)',
    verify: 'Sprawdź',
    valid: 'WAŻNY',
    notValid: 'NIEWAŻNY',
    issuedBy: 'Wydał',
    signedAt: 'Podpisano',
    checkedAt: 'Sprawdzono na tym urządzeniu',
    trustList: 'Lista zaufania',
    statusList: 'Lista unieważnień',
    stale: 'nieaktualna: połącz się z internetem, aby odświeżyć',
    offlineReady: 'Działa offline',
    noCamera: 'Brak aparatu lub odmowa dostępu.',
    noCode: 'Na zdjęciu nie znaleziono kodu QR.',
    noTrust:
      'Brak ważnej listy zaufania: urządzenie nie może weryfikować dokumentów, dopóki raz nie połączy się z siecią.',
    compare: 'Porównaj z okazanym dokumentem:',
    dataNotProof: 'Dane podpisane, tylko do informacji. Nie akceptuj dokumentu.',
    revocationNotChecked: 'Nie sprawdzono unieważnienia',
    unconfirmed: 'NIE MOŻNA POTWIERDZIĆ – sprawdź inną drogą',
    logCopy: 'Rejestr publiczny',
    witnessed: 'poświadczony',
    documents: 'dokumentów',
    language: 'Język',
    download: 'Pobierz weryfikator offline (jeden plik)',
    issued: 'wydana',
    nextUpdate: 'następna aktualizacja',
    online: 'online',
    offline: 'offline',
    scanning: 'Skieruj aparat na kod QR…',
  },
  lt: {
    title: 'Naujosios Baltarusijos dokumentų tikrinimas',
    scan: 'Skenuoti kamera',
    stopScan: 'Sustabdyti kamerą',
    upload: 'Kodo nuotrauka',
    paste: 'Arba įklijuokite kodo tekstą (NB1:...)',
    verify: 'Tikrinti',
    valid: 'GALIOJA',
    notValid: 'NEGALIOJA',
    issuedBy: 'Išdavė',
    signedAt: 'Pasirašyta',
    checkedAt: 'Patikrinta šiame įrenginyje',
    trustList: 'Pasitikėjimo sąrašas',
    statusList: 'Panaikinimų sąrašas',
    stale: 'pasenęs: prisijunkite prie interneto, kad atnaujintumėte',
    offlineReady: 'Veikia be ryšio',
    noCamera: 'Kamera nepasiekiama arba prieiga uždrausta.',
    noCode: 'Nuotraukoje QR kodas nerastas.',
    noTrust:
      'Nėra galiojančio pasitikėjimo sąrašo: įrenginys negali tikrinti dokumentų, kol bent kartą neprisijungs prie tinklo.',
    compare: 'Palyginkite su pateiktu dokumentu:',
    dataNotProof: 'Pasirašyti duomenys, tik informacijai. Dokumento nepriimkite.',
    revocationNotChecked: 'Panaikinimas netikrintas',
    unconfirmed: 'NEGALIMA PATVIRTINTI – patikrinkite kitu būdu',
    logCopy: 'Viešasis žurnalas',
    witnessed: 'patvirtintas',
    documents: 'dokumentų',
    language: 'Kalba',
    download: 'Atsisiųsti tikrintuvą darbui be ryšio (vienas failas)',
    issued: 'išduotas',
    nextUpdate: 'kitas atnaujinimas',
    online: 'prisijungta',
    offline: 'be ryšio',
    scanning: 'Nukreipkite kamerą į QR kodą…',
  },
  de: {
    title: 'Prüfung von Dokumenten des Neuen Belarus',
    scan: 'Mit Kamera scannen',
    stopScan: 'Kamera stoppen',
    upload: 'Foto des Codes',
    paste: 'Oder Codetext einfügen (NB1:...)',
    verify: 'Prüfen',
    valid: 'GÜLTIG',
    notValid: 'NICHT GÜLTIG',
    issuedBy: 'Ausgestellt von',
    signedAt: 'Signiert',
    checkedAt: 'Geprüft auf diesem Gerät',
    trustList: 'Vertrauensliste',
    statusList: 'Sperrliste',
    stale: 'veraltet: zum Aktualisieren mit dem Internet verbinden',
    offlineReady: 'Funktioniert offline',
    noCamera: 'Keine Kamera verfügbar oder Zugriff verweigert.',
    noCode: 'Im Bild wurde kein QR-Code gefunden.',
    noTrust: 'Keine gültige Vertrauensliste: Dieses Gerät kann erst prüfen, nachdem es einmal online war.',
    compare: 'Mit dem vorgelegten Dokument vergleichen:',
    dataNotProof: 'Signierte Daten, nur zur Information. Dokument nicht akzeptieren.',
    revocationNotChecked: 'Sperrung nicht geprüft',
    unconfirmed: 'NICHT BESTÄTIGBAR – anders prüfen',
    logCopy: 'Öffentliches Protokoll',
    witnessed: 'bezeugt',
    documents: 'Dokumente',
    language: 'Sprache',
    download: 'Offline-Prüfprogramm herunterladen (eine Datei)',
    issued: 'ausgestellt',
    nextUpdate: 'nächste Aktualisierung',
    online: 'online',
    offline: 'offline',
    scanning: 'Kamera auf den QR-Code richten…',
  },
};

export const REASONS: Record<Lang, Record<ReasonCode, string>> = {
  en: {
    VALID: 'Authentic, in force and not revoked.',
    MALFORMED: 'Not a readable New Belarus document code (damaged, cut or altered).',
    UNSUPPORTED_VERSION: 'A newer code format this verifier does not know. Update the verifier.',
    UNSUPPORTED_ALGORITHM: 'Signed with an algorithm that is not accepted.',
    UNSUPPORTED_DOCUMENT_TYPE: 'Unknown document type. Update the verifier.',
    UNKNOWN_KEY: 'Signed by an unknown issuer (not in the trust list).',
    SIGNATURE_INVALID: 'The signature does not match: altered or forged.',
    ISSUER_MISMATCH: 'The issuing office does not match the signing key.',
    KEY_NOT_ALLOWED_FOR_TYPE: 'The issuer may not sign this type of document.',
    KEY_REVOKED: "Signed after the issuer's key was revoked.",
    SIGNED_OUTSIDE_KEY_PERIOD: "Signed outside the issuer key's period.",
    KEY_EXPIRED: "The issuer key's validity has ended.",
    NOT_YET_VALID: 'Not valid yet.',
    EXPIRED: 'Expired.',
    REVOKED: 'Revoked by the issuer (lost, stolen, cancelled or replaced).',
    STATUS_UNAVAILABLE: 'Revocation could not be checked.',
    STATUS_LIST_STALE: 'The revocation list is out of date: go online to refresh, then check again.',
    TRUST_LIST_STALE: 'The trust list is out of date: go online to refresh, then check again.',
    NOT_REGISTERED:
      'Signed with a trusted key but missing from the public log of issued documents: not issued by the registry. Do not accept.',
    UNCONFIRMED:
      "Newer than this device's copy of the public log: go online to refresh, then check again, or check by other means.",
  },
  be: {
    VALID: 'Сапраўдны, дзейны і не ануляваны.',
    MALFORMED: 'Гэта не код дакумента Новай Беларусі (пашкоджаны, абрэзаны ці зменены).',
    UNSUPPORTED_VERSION: 'Новы фармат кода, невядомы гэтай праверцы. Абнавіце праверку.',
    UNSUPPORTED_ALGORITHM: 'Падпісаны недапушчальным алгарытмам.',
    UNSUPPORTED_DOCUMENT_TYPE: 'Невядомы тып дакумента. Абнавіце праверку.',
    UNKNOWN_KEY: 'Падпісаны невядомым выдаўцом (няма ў спісе давераных ключоў).',
    SIGNATURE_INVALID: 'Подпіс не адпавядае: дакумент зменены або падроблены.',
    ISSUER_MISMATCH: 'Орган выдачы не адпавядае ключу подпісу.',
    KEY_NOT_ALLOWED_FOR_TYPE: 'Выдаўцу не дазволена падпісваць такі дакумент.',
    KEY_REVOKED: 'Падпісаны пасля адклікання ключа выдаўца.',
    SIGNED_OUTSIDE_KEY_PERIOD: 'Падпісаны па-за тэрмінам дзеяння ключа.',
    KEY_EXPIRED: 'Тэрмін дзеяння ключа выдаўца скончыўся.',
    NOT_YET_VALID: 'Яшчэ не дзейнічае.',
    EXPIRED: 'Тэрмін дзеяння скончыўся.',
    REVOKED: 'Ануляваны выдаўцом (страчаны, скрадзены, скасаваны ці заменены).',
    STATUS_UNAVAILABLE: 'Немагчыма праверыць ануляванне.',
    STATUS_LIST_STALE: 'Спіс анулявання састарэў: падключыцеся да сеткі і праверце зноў.',
    TRUST_LIST_STALE: 'Спіс давераных ключоў састарэў: падключыцеся да сеткі і праверце зноў.',
    NOT_REGISTERED:
      'Падпісаны даверным ключом, але адсутнічае ў публічным журнале выдадзеных дакументаў: рэестр яго не выдаваў. Не прымаць.',
    UNCONFIRMED:
      'Навейшы за копію публічнага журнала на гэтай прыладзе: падключыцеся да сеткі, абнавіце і праверце зноў або праверце іншым спосабам.',
  },
  pl: {
    VALID: 'Autentyczny, ważny i nieunieważniony.',
    MALFORMED: 'To nie jest czytelny kod dokumentu Nowej Białorusi (uszkodzony, ucięty lub zmieniony).',
    UNSUPPORTED_VERSION: 'Nowszy format kodu, nieznany tej weryfikacji. Zaktualizuj weryfikator.',
    UNSUPPORTED_ALGORITHM: 'Podpisany niedozwolonym algorytmem.',
    UNSUPPORTED_DOCUMENT_TYPE: 'Nieznany rodzaj dokumentu. Zaktualizuj weryfikator.',
    UNKNOWN_KEY: 'Podpisany przez nieznanego wystawcę (brak na liście zaufania).',
    SIGNATURE_INVALID: 'Podpis się nie zgadza: dokument zmieniony lub podrobiony.',
    ISSUER_MISMATCH: 'Urząd wydający nie odpowiada kluczowi podpisu.',
    KEY_NOT_ALLOWED_FOR_TYPE: 'Wystawca nie może podpisywać tego rodzaju dokumentów.',
    KEY_REVOKED: 'Podpisany po unieważnieniu klucza wystawcy.',
    SIGNED_OUTSIDE_KEY_PERIOD: 'Podpisany poza okresem ważności klucza.',
    KEY_EXPIRED: 'Ważność klucza wystawcy wygasła.',
    NOT_YET_VALID: 'Jeszcze nieważny.',
    EXPIRED: 'Termin ważności upłynął.',
    REVOKED: 'Unieważniony przez wystawcę (utracony, skradziony, anulowany lub zastąpiony).',
    STATUS_UNAVAILABLE: 'Nie można sprawdzić unieważnienia.',
    STATUS_LIST_STALE: 'Lista unieważnień jest nieaktualna: połącz się z siecią i sprawdź ponownie.',
    TRUST_LIST_STALE: 'Lista zaufania jest nieaktualna: połącz się z siecią i sprawdź ponownie.',
    NOT_REGISTERED:
      'Podpisany zaufanym kluczem, ale nie ma go w publicznym rejestrze wydanych dokumentów: nie wydał go rejestr. Nie akceptować.',
    UNCONFIRMED:
      'Nowszy niż kopia publicznego rejestru na tym urządzeniu: połącz się z siecią, odśwież i sprawdź ponownie lub sprawdź inną drogą.',
  },
  lt: {
    VALID: 'Tikras, galiojantis ir nepanaikintas.',
    MALFORMED:
      'Tai nėra įskaitomas Naujosios Baltarusijos dokumento kodas (pažeistas, nukirptas ar pakeistas).',
    UNSUPPORTED_VERSION: 'Naujesnis kodo formatas, kurio šis tikrintuvas nežino. Atnaujinkite.',
    UNSUPPORTED_ALGORITHM: 'Pasirašyta neleistinu algoritmu.',
    UNSUPPORTED_DOCUMENT_TYPE: 'Nežinomas dokumento tipas. Atnaujinkite tikrintuvą.',
    UNKNOWN_KEY: 'Pasirašė nežinomas išdavėjas (nėra pasitikėjimo sąraše).',
    SIGNATURE_INVALID: 'Parašas nesutampa: dokumentas pakeistas arba suklastotas.',
    ISSUER_MISMATCH: 'Išdavusi įstaiga neatitinka parašo rakto.',
    KEY_NOT_ALLOWED_FOR_TYPE: 'Išdavėjas negali pasirašyti tokio tipo dokumentų.',
    KEY_REVOKED: 'Pasirašyta po to, kai išdavėjo raktas buvo atšauktas.',
    SIGNED_OUTSIDE_KEY_PERIOD: 'Pasirašyta ne rakto galiojimo laikotarpiu.',
    KEY_EXPIRED: 'Išdavėjo rakto galiojimas baigėsi.',
    NOT_YET_VALID: 'Dar negalioja.',
    EXPIRED: 'Galiojimas pasibaigęs.',
    REVOKED: 'Išdavėjas panaikino (prarastas, pavogtas, atšauktas ar pakeistas).',
    STATUS_UNAVAILABLE: 'Nepavyko patikrinti panaikinimo.',
    STATUS_LIST_STALE: 'Panaikinimų sąrašas pasenęs: prisijunkite ir patikrinkite dar kartą.',
    TRUST_LIST_STALE: 'Pasitikėjimo sąrašas pasenęs: prisijunkite ir patikrinkite dar kartą.',
    NOT_REGISTERED:
      'Pasirašytas patikimu raktu, bet jo nėra viešajame išduotų dokumentų žurnale: registras jo neišdavė. Nepriimti.',
    UNCONFIRMED:
      'Naujesnis nei šiame įrenginyje esanti viešojo žurnalo kopija: prisijunkite prie tinklo, ' +
      'atnaujinkite ir patikrinkite dar kartą arba patikrinkite kitu būdu.',
  },
  de: {
    VALID: 'Echt, gültig und nicht gesperrt.',
    MALFORMED: 'Kein lesbarer Dokumentcode des Neuen Belarus (beschädigt, abgeschnitten oder verändert).',
    UNSUPPORTED_VERSION: 'Neueres Codeformat, das dieses Prüfprogramm nicht kennt. Bitte aktualisieren.',
    UNSUPPORTED_ALGORITHM: 'Mit einem nicht zugelassenen Verfahren signiert.',
    UNSUPPORTED_DOCUMENT_TYPE: 'Unbekannte Dokumentart. Bitte Prüfprogramm aktualisieren.',
    UNKNOWN_KEY: 'Von unbekannter Stelle signiert (nicht in der Vertrauensliste).',
    SIGNATURE_INVALID: 'Die Signatur passt nicht: verändert oder gefälscht.',
    ISSUER_MISMATCH: 'Die ausstellende Stelle passt nicht zum Signaturschlüssel.',
    KEY_NOT_ALLOWED_FOR_TYPE: 'Die Stelle darf diese Dokumentart nicht signieren.',
    KEY_REVOKED: 'Nach der Sperrung des Ausstellerschlüssels signiert.',
    SIGNED_OUTSIDE_KEY_PERIOD: 'Außerhalb des Zeitraums des Schlüssels signiert.',
    KEY_EXPIRED: 'Die Gültigkeit des Ausstellerschlüssels ist abgelaufen.',
    NOT_YET_VALID: 'Noch nicht gültig.',
    EXPIRED: 'Abgelaufen.',
    REVOKED: 'Vom Aussteller gesperrt (verloren, gestohlen, widerrufen oder ersetzt).',
    STATUS_UNAVAILABLE: 'Sperrstatus konnte nicht geprüft werden.',
    STATUS_LIST_STALE: 'Die Sperrliste ist veraltet: online gehen und erneut prüfen.',
    TRUST_LIST_STALE: 'Die Vertrauensliste ist veraltet: online gehen und erneut prüfen.',
    NOT_REGISTERED:
      'Mit einem vertrauenswürdigen Schlüssel signiert, fehlt aber im öffentlichen Protokoll ' +
      'ausgestellter Dokumente: nicht vom Register ausgestellt. Nicht akzeptieren.',
    UNCONFIRMED:
      'Neuer als die Kopie des öffentlichen Protokolls auf diesem Gerät: online gehen, aktualisieren und erneut prüfen oder anders prüfen.',
  },
};

const F = (en: string, be: string, pl: string, lt: string, de: string): Record<Lang, string> => ({
  en,
  be,
  pl,
  lt,
  de,
});

export const FIELDS: Record<string, Record<Lang, string>> = {
  number: F('Document number', 'Нумар дакумента', 'Numer dokumentu', 'Dokumento numeris', 'Dokumentennummer'),
  surname: F('Surname', 'Прозвішча', 'Nazwisko', 'Pavardė', 'Nachname'),
  givenNames: F('Given names', 'Імя', 'Imiona', 'Vardai', 'Vornamen'),
  patronymic: F('Patronymic', 'Імя па бацьку', 'Imię odojcowskie', 'Tėvavardis', 'Vatersname'),
  surnameLatin: F(
    'Surname (Latin)',
    'Прозвішча (лацінкай)',
    'Nazwisko (łac.)',
    'Pavardė (lotyn.)',
    'Nachname (lateinisch)',
  ),
  givenNamesLatin: F(
    'Given names (Latin)',
    'Імя (лацінкай)',
    'Imiona (łac.)',
    'Vardai (lotyn.)',
    'Vornamen (lateinisch)',
  ),
  birthDate: F('Date of birth', 'Дата нараджэння', 'Data urodzenia', 'Gimimo data', 'Geburtsdatum'),
  birthPlace: F('Place of birth', 'Месца нараджэння', 'Miejsce urodzenia', 'Gimimo vieta', 'Geburtsort'),
  sex: F('Sex', 'Пол', 'Płeć', 'Lytis', 'Geschlecht'),
  issueDate: F('Date of issue', 'Дата выдачы', 'Data wydania', 'Išdavimo data', 'Ausstellungsdatum'),
  expiryDate: F('Valid until', 'Дзейнічае да', 'Ważny do', 'Galioja iki', 'Gültig bis'),
  motherName: F('Mother', 'Маці', 'Matka', 'Motina', 'Mutter'),
  fatherName: F('Father', 'Бацька', 'Ojciec', 'Tėvas', 'Vater'),
  recordNumber: F(
    'Registry record number',
    'Нумар актавага запісу',
    'Numer aktu',
    'Įrašo numeris',
    'Registereintrag Nr.',
  ),
  recordDate: F(
    'Registry record date',
    'Дата актавага запісу',
    'Data aktu',
    'Įrašo data',
    'Datum des Eintrags',
  ),
  spouse1NameBefore: F(
    'Spouse 1, name before',
    'Муж/жонка 1, імя да',
    'Małżonek 1, nazwisko przed',
    'Sutuoktinis 1, vardas prieš',
    'Ehegatte 1, Name vorher',
  ),
  spouse1NameAfter: F(
    'Spouse 1, name after',
    'Муж/жонка 1, імя пасля',
    'Małżonek 1, nazwisko po',
    'Sutuoktinis 1, vardas po',
    'Ehegatte 1, Name nachher',
  ),
  spouse1BirthDate: F(
    'Spouse 1, date of birth',
    'Муж/жонка 1, дата нараджэння',
    'Małżonek 1, data urodzenia',
    'Sutuoktinis 1, gimimo data',
    'Ehegatte 1, Geburtsdatum',
  ),
  spouse2NameBefore: F(
    'Spouse 2, name before',
    'Муж/жонка 2, імя да',
    'Małżonek 2, nazwisko przed',
    'Sutuoktinis 2, vardas prieš',
    'Ehegatte 2, Name vorher',
  ),
  spouse2NameAfter: F(
    'Spouse 2, name after',
    'Муж/жонка 2, імя пасля',
    'Małżonek 2, nazwisko po',
    'Sutuoktinis 2, vardas po',
    'Ehegatte 2, Name nachher',
  ),
  spouse2BirthDate: F(
    'Spouse 2, date of birth',
    'Муж/жонка 2, дата нараджэння',
    'Małżonek 2, data urodzenia',
    'Sutuoktinis 2, gimimo data',
    'Ehegatte 2, Geburtsdatum',
  ),
  marriageDate: F(
    'Date of marriage',
    'Дата шлюбу',
    'Data zawarcia małżeństwa',
    'Santuokos data',
    'Datum der Eheschließung',
  ),
  marriagePlace: F(
    'Place of marriage',
    'Месца шлюбу',
    'Miejsce zawarcia małżeństwa',
    'Santuokos vieta',
    'Ort der Eheschließung',
  ),
  nameBefore: F(
    'Name before',
    'Імя да змены',
    'Nazwisko przed zmianą',
    'Vardas prieš pakeitimą',
    'Name vorher',
  ),
  nameAfter: F('Name after', 'Імя пасля змены', 'Nazwisko po zmianie', 'Vardas po pakeitimo', 'Name nachher'),
  changeDate: F('Date of change', 'Дата змены', 'Data zmiany', 'Pakeitimo data', 'Datum der Änderung'),
  expiredPassportNumber: F(
    'Expired passport number',
    'Нумар пратэрмінаванага пашпарта',
    'Numer wygasłego paszportu',
    'Negaliojančio paso numeris',
    'Nummer des abgelaufenen Passes',
  ),
  expiredPassportExpiry: F(
    'Expired passport valid until',
    'Пратэрмінаваны пашпарт дзейнічаў да',
    'Wygasły paszport ważny do',
    'Negaliojęs pasas galiojo iki',
    'Abgelaufener Pass gültig bis',
  ),
  principalName: F('Principal', 'Давяральнік', 'Mocodawca', 'Įgaliotojas', 'Vollmachtgeber'),
  principalBirthDate: F(
    "Principal's date of birth",
    'Дата нараджэння давяральніка',
    'Data urodzenia mocodawcy',
    'Įgaliotojo gimimo data',
    'Geburtsdatum Vollmachtgeber',
  ),
  agentName: F('Agent', 'Давераная асоба', 'Pełnomocnik', 'Įgaliotinis', 'Bevollmächtigter'),
  agentBirthDate: F(
    "Agent's date of birth",
    'Дата нараджэння даверанай асобы',
    'Data urodzenia pełnomocnika',
    'Įgaliotinio gimimo data',
    'Geburtsdatum Bevollmächtigter',
  ),
  powers: F(
    'Powers granted',
    'Паўнамоцтвы',
    'Zakres pełnomocnictwa',
    'Suteikti įgaliojimai',
    'Erteilte Befugnisse',
  ),
};

export const DOC_TYPES: Record<string, Record<Lang, string>> = {
  passport: F(
    'New Belarus passport',
    'Пашпарт Новай Беларусі',
    'Paszport Nowej Białorusi',
    'Naujosios Baltarusijos pasas',
    'Reisepass des Neuen Belarus',
  ),
  'birth-certificate': F(
    'Birth certificate',
    'Пасведчанне аб нараджэнні',
    'Akt urodzenia',
    'Gimimo liudijimas',
    'Geburtsurkunde',
  ),
  'marriage-certificate': F(
    'Marriage certificate',
    'Пасведчанне аб шлюбе',
    'Akt małżeństwa',
    'Santuokos liudijimas',
    'Heiratsurkunde',
  ),
  'name-change-certificate': F(
    'Name change certificate',
    'Пасведчанне аб змене імя',
    'Zaświadczenie o zmianie nazwiska',
    'Vardo pakeitimo liudijimas',
    'Bescheinigung über Namensänderung',
  ),
  'identity-attestation': F(
    'Identity attestation (expired Belarusian passport)',
    'Пацверджанне асобы (пратэрмінаваны пашпарт)',
    'Poświadczenie tożsamości (wygasły paszport)',
    'Tapatybės patvirtinimas (negaliojantis pasas)',
    'Identitätsbestätigung (abgelaufener Pass)',
  ),
  'power-of-attorney-attestation': F(
    'Power of attorney attestation',
    'Засведчанне даверанасці',
    'Poświadczenie pełnomocnictwa',
    'Įgaliojimo patvirtinimas',
    'Beglaubigung einer Vollmacht',
  ),
};

export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ru' || base === 'uk') return 'be';
    if ((LANGUAGES as readonly string[]).includes(base!)) return base as Lang;
  }
  return 'en';
}
