/** The member API's mails: the verification link, the password reset link, the invitation. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The link the mail carries (the outbox page shows it as a link). */
  link: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export type MailKind = 'verify' | 'reset' | 'invite';

const TEXT: Record<'en' | 'zh', Record<MailKind, { subject: string; text: (link: string) => string }>> = {
  en: {
    verify: { subject: 'Confirm your e-mail for payee', text: (l) => `Open this link within 24 hours to confirm your e-mail address:\n\n${l}\n` },
    reset: { subject: 'Reset your payee password', text: (l) => `Open this link within an hour to choose a new password (it works once):\n\n${l}\n\nIf you did not ask for it, ignore this mail.` },
    invite: { subject: 'You are invited to a payee account', text: (l) => `Open this link within 7 days to choose your password and join the account:\n\n${l}\n` },
  },
  zh: {
    verify: { subject: '确认您在 payee 的邮箱', text: (l) => `请在 24 小时内打开此链接确认邮箱地址：\n\n${l}\n` },
    reset: { subject: '重置 payee 密码', text: (l) => `请在一小时内打开此链接设置新密码（仅可使用一次）：\n\n${l}\n\n如果不是您本人操作，请忽略此邮件。` },
    invite: { subject: '您受邀加入 payee 账户', text: (l) => `请在 7 天内打开此链接设置密码并加入账户：\n\n${l}\n` },
  },
};

export function memberMail(kind: MailKind, lang: 'en' | 'zh', to: string, link: string): Mail {
  const t = TEXT[lang][kind];
  return { to, subject: t.subject, text: t.text(link), link };
}
