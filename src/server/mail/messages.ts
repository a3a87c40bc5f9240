import type { Language } from '../../shared/schemas/accounts.js';

/**
 * The text of every e-mail Kinship sends, in each language an account can choose. Mail is plain text: no images,
 * no tracking, nothing fetched when it is opened. The web app's translations are not reused because mail is read
 * without the app; adding a language means adding it here too.
 */
interface ResetMailVars {
  handle: string;
  link: string;
  minutes: number;
}

const RESET: Record<Language, (v: ResetMailVars) => { subject: string; text: string }> = {
  en: (v) => ({
    subject: 'Reset your Kinship password',
    text: [
      `Someone asked to reset the password of the Kinship account "${v.handle}".`,
      '',
      `To choose a new password, open this link within ${v.minutes} minutes:`,
      v.link,
      '',
      'The link works once. If you did not ask for this, you can ignore this e-mail: your password stays as it is.',
    ].join('\n'),
  }),
  es: (v) => ({
    subject: 'Restablece tu contraseña de Kinship',
    text: [
      `Alguien pidió restablecer la contraseña de la cuenta de Kinship "${v.handle}".`,
      '',
      `Para elegir una contraseña nueva, abre este enlace en los próximos ${v.minutes} minutos:`,
      v.link,
      '',
      'El enlace funciona una sola vez. Si no lo pediste tú, puedes ignorar este correo: tu contraseña no cambia.',
    ].join('\n'),
  }),
};

export function resetMail(language: string, vars: ResetMailVars): { subject: string; text: string } {
  return (RESET[language as Language] ?? RESET.en)(vars);
}
