/**
 * The member pages: sign-up, verification, login, password reset, invitation, dashboard. Forms
 * post JSON to /api/members through src/members.ts (the CSRF header needs a script); the words
 * the script shows travel in a data attribute, as the status page's do.
 */
import { esc, href, page, type Assets } from './layout.ts';
import type { Lang } from './content.ts';
import { MEMBER_WORDS } from './member-content.ts';
import type { Page } from './pages.ts';
import { SNIPPETS, curlSample } from './snippets.ts';

/** Each SDK's create-payment call, for the member's sandbox company (WeChat Pay Native there). */
function snippets(): string {
  const forSandbox = (code: string) => code.replaceAll('alipay.qr', 'wechat.native').replaceAll('1999', '1');
  const blocks = [
    ['curl', curlSample('post', '/v1/payments', 'createPayment')] as const,
    ...Object.values(SNIPPETS).flatMap((s) => (s.calls.createPayment ? [[s.label, `${s.setup}\n${s.calls.createPayment.code}\n`] as const] : [])),
  ];
  return blocks.map(([label, code]) => `<details class="snippet"><summary>${esc(label)}</summary><pre><code>${esc(forSandbox(code))}</code></pre></details>`).join('\n');
}

const field = (name: string, label: string, type: string, extra = '', id = name) =>
  `<p><label for="${id}">${esc(label)}</label><br><input id="${id}" name="${name}" type="${type}" required${extra}></p>`;

function form(action: string, submit: string, fields: string, options: { done?: string; next?: string; id?: string } = {}) {
  return `<form class="member" data-api="${action}"${options.id ? ` id="${options.id}"` : ''}${options.next ? ` data-next="${esc(options.next)}"` : ''}${options.done ? ` data-done="${esc(options.done)}"` : ''} novalidate>
${fields}
<p class="form-error" role="alert" hidden></p>
<p><button class="button" type="submit">${esc(submit)}</button></p>
</form>`;
}

export function memberPages(lang: Lang, assets: Assets): Page[] {
  const w = MEMBER_WORDS[lang];
  const d = w.dashboard;
  const make = (slug: string, title: string, body: string): Page => [
    `members/${slug}.html`,
    page({
      lang,
      page: `members/${slug}.html`,
      title: `${title} — payee`,
      section: 'members',
      assets,
      body: `<div class="members" data-words="${esc(JSON.stringify({ failed: w.failed, lang }))}">${body}<noscript><p class="note">${esc(w.noscript)}</p></noscript></div>`,
    }),
  ];
  const email = field('email', w.email, 'email', ' autocomplete="email" maxlength="254"');
  const password = (autocomplete: string, label = w.password) => `${field('password', label, 'password', ` autocomplete="${autocomplete}" minlength="10" maxlength="128" aria-describedby="password-hint"`)}<p id="password-hint" class="hint">${esc(w.passwordHint)}</p>`;
  const token = '<input type="hidden" name="token" data-from-query="token">';
  return [
    make('signup', w.signup.title, `<h1>${esc(w.signup.title)}</h1><p class="lead">${esc(w.signup.intro)}</p>
${form('/signup', w.signup.submit, email + password('new-password'), { done: w.signup.done })}
<p><a href="${href(lang, 'members/login.html')}">${esc(w.signup.haveAccount)}</a></p>`),
    make('verify', w.verify.title, `<h1>${esc(w.verify.title)}</h1>
${form('/verify', w.verify.title, token, { done: w.verify.done, id: 'auto-submit' })}
<p><a class="button secondary" href="${href(lang, 'members/login.html')}">${esc(w.verify.login)}</a></p>`),
    make('login', w.login.title, `<h1>${esc(w.login.title)}</h1><p class="lead">${esc(w.login.intro)}</p>
${form('/login', w.login.submit, email + field('password', w.password, 'password', ' autocomplete="current-password" maxlength="1024"'), { next: href(lang, 'members/dashboard.html') })}
<p class="note" data-query-error="not_linked" hidden>${esc(w.login.notLinked)}</p>
<p><a class="button secondary" id="wechat-login" href="/api/members/oauth/wechat/start?lang=${lang}">${esc(w.login.wechat)}</a> <a class="button secondary" id="alipay-login" href="/api/members/oauth/alipay/start?lang=${lang}">${esc(w.login.alipay)}</a></p>
<p><a href="${href(lang, 'members/reset.html')}">${esc(w.login.forgot)}</a> · <a href="${href(lang, 'members/signup.html')}">${esc(w.login.noAccount)}</a></p>`),
    make('reset', w.reset.title, `<h1>${esc(w.reset.title)}</h1>
<div data-without-query="token"><p class="lead">${esc(w.reset.intro)}</p>${form('/password-reset', w.reset.submit, email, { done: w.reset.sent })}</div>
<div data-with-query="token" hidden>${form('/password-reset/confirm', w.reset.confirm, token + password('new-password', w.reset.newPassword), { done: w.reset.done })}</div>`),
    make('invite', w.invite.title, `<h1>${esc(w.invite.title)}</h1><p class="lead">${esc(w.invite.intro)}</p>
${form('/invitations/accept', w.invite.submit, token + password('new-password'), { done: w.invite.done })}`),
    make('plan', w.plan.title, `<h1>${esc(w.plan.title)}</h1><p class="lead">${esc(w.plan.intro)}</p>
<p class="note" data-when="anonymous" hidden>${esc(d.loginFirst)} <a href="${href(lang, 'members/login.html')}">${esc(w.login.submit)}</a></p>
<div data-when="member" hidden>
${form('/plans/orders', w.plan.submit, `<p><strong data-plan-name></strong></p><input type="hidden" name="plan" data-from-query="plan"><p><label for="method">${esc(w.plan.method)}</label><br><select id="method" name="method">${Object.entries(w.plan.methods).map(([v, l]) => `<option value="${v}">${esc(l)}</option>`).join('')}</select></p>`, { id: 'buy-plan' })}
<div id="order" hidden data-words="${esc(JSON.stringify({ waiting: w.plan.waiting, active: w.plan.active }))}"><p>${esc(w.plan.scan)}</p><img class="qr" data-order="qr-image" width="200" height="200" alt="${esc(w.plan.scan)}"><pre class="key"><code data-order="qr"></code></pre><p class="order-state" role="status"></p></div>
</div>`),
    make('dashboard', d.title, `<h1>${esc(d.title)}</h1>
<p class="note" data-when="anonymous" hidden>${esc(d.loginFirst)} <a href="${href(lang, 'members/login.html')}">${esc(w.login.submit)}</a></p>
<div data-when="member" hidden>
<section id="account"><h2>${esc(d.account)}</h2>
<dl class="facts"><dt>${esc(w.email)}</dt><dd data-field="email"></dd><dt>${esc(d.role)}</dt><dd data-field="role" data-labels="${esc(JSON.stringify(d.roles))}"></dd>
<dt>${esc(d.plan)}</dt><dd data-field="plan" data-empty="${esc(d.noPlan)}"></dd><dt>${esc(d.lastLogin)}</dt><dd data-field="online.lastLoginAt"></dd><dt>${esc(d.lastLogout)}</dt><dd data-field="online.lastLogoutAt"></dd>
<dt>${esc(d.links)}</dt><dd><span data-field="links"></span> <a id="link-wechat" href="/api/members/oauth/wechat/start?lang=${lang}">${esc(d.linkWechat)}</a> · <a id="link-alipay" href="/api/members/oauth/alipay/start?lang=${lang}">${esc(d.linkAlipay)}</a></dd></dl>
${form('/logout', d.logout, '', { next: href(lang, 'members/login.html'), id: 'logout' })}
</section>
<section id="companies"><h2>${esc(d.companies)}</h2><p>${esc(d.companiesIntro)}</p>
${form('/companies', d.createCompany, '', { done: d.created, id: 'create-company' })}
<div id="new-key" hidden><p><strong>${esc(d.keyOnce)}</strong></p><pre class="key"><code data-new="env"></code></pre>
<h3>${esc(d.snippets)}</h3>${snippets()}</div>
<div data-list="companies" data-words="${esc(JSON.stringify({ testPayment: d.testPayment, paymentMade: d.paymentMade, payments: d.payments, refresh: d.refresh, notifyUrl: d.notifyUrl, sendNotification: d.sendNotification, attempts: d.attempts, noneYet: d.noneYet }))}"></div>
</section>
<section id="users" data-role="owner" hidden><h2>${esc(d.users)}</h2><p>${esc(d.usersIntro)}</p>
<table class="list"><tbody data-list="children" data-states="${esc(JSON.stringify({ verified: d.verified, pending: d.pending, roles: d.roles }))}"></tbody></table>
${form('/users', d.inviteSubmit, `${field('email', d.inviteEmail, 'email', '', 'invite-email')}<p><label for="invite-role">${esc(d.inviteRole)}</label><br><select id="invite-role" name="role"><option value="developer">${esc(d.roles.developer)}</option><option value="viewer">${esc(d.roles.viewer)}</option></select></p>`, { done: d.invited, id: 'invite' })}
</section>
</div>`),
  ];
}
