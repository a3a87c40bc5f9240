import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail. One implementation (SMTP); the interface keeps nodemailer out of the modules that send. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * The error of a failed send, with nothing personal in it: SMTP replies quote the recipient's address ("550
 * <someone@example.org>: no such user"), so only the codes go to the log.
 */
export function mailErrorForLog(err: unknown): { code?: string; responseCode?: number } {
  const e = err as { code?: unknown; responseCode?: unknown };
  return {
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.responseCode === 'number' ? { responseCode: e.responseCode } : {}),
  };
}

/**
 * Mail over SMTP from `SMTP_URL` (smtp:// must upgrade with STARTTLS unless the server is on this machine; smtps://
 * is TLS from the start). Short timeouts: a reset mail is sent after the answer, and a stuck server must not pile up connections.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const { protocol, hostname } = new URL(url);
  const transport = nodemailer.createTransport({
    url,
    // Over smtp:// to another machine, refuse to go on without STARTTLS rather than send the password and the
    // member's address in clear when a network attacker strips the offer.
    requireTLS: protocol === 'smtp:' && !['localhost', '127.0.0.1', '[::1]'].includes(hostname),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    logger: false,
    debug: false,
  });
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
    close() {
      transport.close();
    },
  };
}
