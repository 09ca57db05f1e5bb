// Staff console strings in English and Belarusian. Field labels come from the verifier's table (same field
// names as the schemas), so a new document type only needs its labels added there.

export type ConsoleLang = 'en' | 'be';

const en = {
  title: 'New Belarus Registry: staff console', username: 'Username', password: 'Password', login: 'Log in', logout: 'Log out', loggedInAs: 'Logged in as',
  applicants: 'Applicants', queue: 'Approval queue', applications: 'Applications', documents: 'Documents', staff: 'Staff', keys: 'Signing keys',
  search: 'Search', searchHint: 'Name (at least 2 letters) or date of birth', newApplicant: 'Register applicant', save: 'Save', cancel: 'Cancel',
  surname: 'Surname (Cyrillic)', givenNames: 'Given names (Cyrillic)', patronymic: 'Patronymic', surnameLatin: 'Surname (Latin)', givenNamesLatin: 'Given names (Latin)',
  latinHint: 'Transliterated per ICAO 9303; change it only to match an earlier passport.', sex: 'Sex', birthDate: 'Date of birth', birthPlace: 'Place of birth',
  personalNumber: 'Personal number', photo: 'Photo', uploadPhoto: 'Upload photo', startApplication: 'Start application', documentType: 'Document type',
  create: 'Create', submit: 'Submit for approval', approve: 'Approve', reject: 'Reject', reason: 'Reason', issue: 'Issue document', print: 'Open print view',
  downloadSvg: 'QR as SVG', downloadPng: 'QR as PNG', revoke: 'Revoke', history: 'History', state: 'State', type: 'Type', from: 'Issued from', to: 'to',
  filter: 'Filter', more: 'Load more', nothing: 'Nothing found.', ownApplication: 'You registered this application: another approver must approve it (two-person rule).',
  saved: 'Saved.', error: 'Error', role: 'Role', office: 'Office', disabled: 'Disabled', enable: 'Enable', disable: 'Disable', addStaff: 'Add staff member',
  displayName: 'Display name', inUse: 'in use', rotateBy: 'rotate by', validUntil: 'signatures valid until', signUntil: 'signs until', all: 'all', open: 'Open',
  number: 'Number', issuedAt: 'Issued', applicant: 'Applicant', data: 'Data', sessionExpired: 'Your session has ended. Log in again; what you typed is kept.',
  language: 'Language', revokeReason: 'Revocation reason', note: 'Note', any: 'any', noPhoto: 'No photo',
  signIn: 'Sign-in', lockedUntil: 'locked after wrong passwords until', unlock: 'Unlock', allowed: 'allowed', statusKey: 'Status list key', printTd3: 'Print passport data page (125 × 88 mm)',
  documentNumber: 'Document number', editApplicant: 'Correct record',
  setPassword: 'Set new password', setPasswordFor: 'New password for', resetHint: 'At least 12 characters; tell it to them in person. Their sessions and tokens end.', passwordSet: 'New password set for',
  crossOffice: 'One person, several offices', crossOfficeHint: 'Valid passports with the same personal number issued by more than one office. Ask the offices concerned to check and revoke.',
  audit: 'Audit trail', auditHint: 'Every staff action, newest first. Entries name records by id, never by personal data.', when: 'When', who: 'Who', what: 'What', details: 'Details', system: 'the system',
  sessionsAndTokens: 'Your sessions and API tokens', label: 'Label', lastUsed: 'Last used', expires: 'Expires', thisSession: 'this session', endSession: 'End',
  apiToken: 'API token', browserSession: 'browser session',
  verifyChain: 'Verify the hash chain', chainIntact: 'intact, entries checked', chainBroken: 'BROKEN at entry',
  possibleDuplicates: 'Possible duplicate records of this person in this office: check before going on.', samePersonalNumber: 'same personal number', sameNameAndBirth: 'same names and date of birth',
  supersededNotice: 'Issued. The holder\'s earlier passport is now revoked as superseded:',
  changePassword: 'Change password', currentPassword: 'Current password', newPassword: 'New password', repeatPassword: 'New password again',
  passwordHint: 'At least 12 characters. Your other sessions and API tokens end.', passwordsDiffer: 'The two new passwords differ.', passwordChanged: 'Password changed. Your other sessions and tokens have ended.',
};

const be: typeof en = {
  title: 'Рэестр Новай Беларусі: кансоль супрацоўніка', username: 'Імя карыстальніка', password: 'Пароль', login: 'Увайсці', logout: 'Выйсці', loggedInAs: 'Увайшлі як',
  applicants: 'Заяўнікі', queue: 'Чарга на зацвярджэнне', applications: 'Заявы', documents: 'Дакументы', staff: 'Супрацоўнікі', keys: 'Ключы подпісу',
  search: 'Шукаць', searchHint: 'Імя (не менш за 2 літары) або дата нараджэння', newApplicant: 'Зарэгістраваць заяўніка', save: 'Захаваць', cancel: 'Скасаваць',
  surname: 'Прозвішча (кірыліцай)', givenNames: 'Імя (кірыліцай)', patronymic: 'Імя па бацьку', surnameLatin: 'Прозвішча (лацінкай)', givenNamesLatin: 'Імя (лацінкай)',
  latinHint: 'Транслітарацыя паводле ICAO 9303; змяняйце толькі паводле ранейшага пашпарта.', sex: 'Пол', birthDate: 'Дата нараджэння', birthPlace: 'Месца нараджэння',
  personalNumber: 'Асабісты нумар', photo: 'Фота', uploadPhoto: 'Загрузіць фота', startApplication: 'Пачаць заяву', documentType: 'Тып дакумента',
  create: 'Стварыць', submit: 'Падаць на зацвярджэнне', approve: 'Зацвердзіць', reject: 'Адхіліць', reason: 'Прычына', issue: 'Выдаць дакумент', print: 'Адкрыць для друку',
  downloadSvg: 'QR у SVG', downloadPng: 'QR у PNG', revoke: 'Ануляваць', history: 'Гісторыя', state: 'Стан', type: 'Тып', from: 'Выдадзены з', to: 'па',
  filter: 'Фільтраваць', more: 'Паказаць яшчэ', nothing: 'Нічога не знойдзена.', ownApplication: 'Вы зарэгістравалі гэтую заяву: зацвердзіць яе мае іншы супрацоўнік (правіла двух асоб).',
  saved: 'Захавана.', error: 'Памылка', role: 'Роля', office: 'Прадстаўніцтва', disabled: 'Заблакаваны', enable: 'Разблакаваць', disable: 'Заблакаваць', addStaff: 'Дадаць супрацоўніка',
  displayName: 'Імя для адлюстравання', inUse: 'у выкарыстанні', rotateBy: 'замяніць да', validUntil: 'подпісы дзейнічаюць да', signUntil: 'падпісвае да', all: 'усе', open: 'Адкрыць',
  number: 'Нумар', issuedAt: 'Выдадзены', applicant: 'Заяўнік', data: 'Даныя', sessionExpired: 'Сесія скончылася. Увайдзіце зноў; уведзенае захавана.',
  language: 'Мова', revokeReason: 'Прычына анулявання', note: 'Заўвага', any: 'любы', noPhoto: 'Няма фота',
  signIn: 'Уваход', lockedUntil: 'спынены пасля няправільных пароляў да', unlock: 'Дазволіць уваход', allowed: 'дазволены', statusKey: 'Ключ спісу анулявання', printTd3: 'Друк старонкі даных пашпарта (125 × 88 мм)',
  documentNumber: 'Нумар дакумента', editApplicant: 'Выправіць запіс',
  setPassword: 'Задаць новы пароль', setPasswordFor: 'Новы пароль для', resetHint: 'Не менш за 12 знакаў; скажыце яго асабіста. Іх сесіі і токены будуць спынены.', passwordSet: 'Новы пароль зададзены для',
  crossOffice: 'Адна асоба, некалькі прадстаўніцтваў', crossOfficeHint: 'Сапраўдныя пашпарты з адным асабістым нумарам, выдадзеныя больш чым адным прадстаўніцтвам. Папрасіце прадстаўніцтвы праверыць і ануляваць.',
  audit: 'Журнал дзеянняў', auditHint: 'Усе дзеянні супрацоўнікаў, новыя першымі. Запісы называюць ідэнтыфікатары, ніколі асабістыя даныя.', when: 'Калі', who: 'Хто', what: 'Што', details: 'Падрабязнасці', system: 'сістэма',
  sessionsAndTokens: 'Вашыя сесіі і API-токены', label: 'Пазнака', lastUsed: 'Апошняе выкарыстанне', expires: 'Сканчаецца', thisSession: 'гэтая сесія', endSession: 'Спыніць',
  apiToken: 'API-токен', browserSession: 'сесія ў браўзеры',
  verifyChain: 'Праверыць ланцуг хэшаў', chainIntact: 'цэлы, запісаў правераны', chainBroken: 'ПАРУШАНЫ на запісе',
  possibleDuplicates: 'Магчымыя дублікаты запісу гэтай асобы ў прадстаўніцтве: праверце, перш чым працягваць.', samePersonalNumber: 'той жа асабісты нумар', sameNameAndBirth: 'тыя ж імёны і дата нараджэння',
  supersededNotice: 'Выдадзена. Ранейшы пашпарт уладальніка ануляваны як замененый:',
  changePassword: 'Змяніць пароль', currentPassword: 'Цяперашні пароль', newPassword: 'Новы пароль', repeatPassword: 'Новы пароль яшчэ раз',
  passwordHint: 'Не менш за 12 знакаў. Іншыя вашыя сесіі і API-токены будуць спынены.', passwordsDiffer: 'Два новыя паролі не супадаюць.', passwordChanged: 'Пароль зменены. Іншыя сесіі і токены спынены.',
};

export const STRINGS: Record<ConsoleLang, typeof en> = { en, be };
export type ConsoleKey = keyof typeof en;
