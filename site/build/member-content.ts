/** The member pages' words in both languages (the forms' labels, the script's messages). */
import type { Lang } from './content.ts';

export interface MemberWords {
  nav: string;
  email: string;
  password: string;
  passwordHint: string;
  signup: { title: string; intro: string; submit: string; done: string; haveAccount: string };
  verify: { title: string; working: string; done: string; login: string };
  login: { title: string; intro: string; submit: string; forgot: string; noAccount: string; wechat: string; alipay: string; notLinked: string };
  reset: { title: string; intro: string; submit: string; sent: string; newPassword: string; confirm: string; done: string };
  invite: { title: string; intro: string; submit: string; done: string };
  dashboard: {
    title: string;
    loginFirst: string;
    account: string;
    role: string;
    plan: string;
    noPlan: string;
    lastLogin: string;
    lastLogout: string;
    logout: string;
    users: string;
    usersIntro: string;
    inviteEmail: string;
    inviteRole: string;
    inviteSubmit: string;
    invited: string;
    roles: Record<'owner' | 'developer' | 'viewer', string>;
    verified: string;
    pending: string;
    links: string;
    linkWechat: string;
    linkAlipay: string;
    companies: string;
    companiesIntro: string;
    createCompany: string;
    created: string;
    keyOnce: string;
    snippets: string;
    testPayment: string;
    paymentMade: string;
    payments: string;
    refresh: string;
    notifyUrl: string;
    sendNotification: string;
    attempts: string;
    noneYet: string;
  };
  plan: { title: string; intro: string; method: string; methods: Record<'alipay.qr' | 'wechat.native', string>; submit: string; scan: string; waiting: string; active: string; buy: string };
  noscript: string;
  failed: string;
}

export const MEMBER_WORDS: Record<Lang, MemberWords> = {
  en: {
    nav: 'Sign in',
    email: 'E-mail',
    password: 'Password',
    passwordHint: '10 characters or more, with letters and digits.',
    signup: { title: 'Create your payee account', intro: 'A member account gets a sandbox company with a test key, runnable snippets, test notifications and support plans.', submit: 'Sign up', done: 'Almost there: we sent you a mail with a link to confirm your address.', haveAccount: 'Already a member? Sign in' },
    verify: { title: 'Confirm your e-mail', working: 'Confirming…', done: 'Your e-mail is confirmed.', login: 'Sign in' },
    login: { title: 'Sign in', intro: 'Sign in to your payee member account.', submit: 'Sign in', forgot: 'Forgot your password?', noAccount: 'No account yet? Sign up', wechat: 'Log in with WeChat', alipay: 'Log in with Alipay', notLinked: 'This WeChat or Alipay user is not linked to a member yet: sign in with your e-mail, then link it on your dashboard.' },
    reset: { title: 'Reset your password', intro: 'We will mail you a link to choose a new password.', submit: 'Send the link', sent: 'If the address is a member’s, the link is on its way.', newPassword: 'New password', confirm: 'Set the password', done: 'Your password is set. Sign in with it.' },
    invite: { title: 'Join a payee account', intro: 'You were invited to a payee account. Choose your password.', submit: 'Join', done: 'You have joined. Sign in with your e-mail and this password.' },
    dashboard: {
      title: 'Dashboard',
      loginFirst: 'Sign in to see your dashboard.',
      account: 'Account',
      role: 'Role',
      plan: 'Support plan',
      noPlan: 'Community (free)',
      lastLogin: 'Last sign-in',
      lastLogout: 'Last sign-out',
      logout: 'Sign out',
      users: 'Users',
      usersIntro: 'Invite developers (sandbox companies, keys, test payments) and viewers (read only) to your account.',
      inviteEmail: 'Their e-mail',
      inviteRole: 'Role',
      inviteSubmit: 'Invite',
      invited: 'Invitation sent.',
      roles: { owner: 'Owner', developer: 'Developer', viewer: 'Viewer' },
      verified: 'joined',
      pending: 'invited',
      links: 'Linked logins',
      linkWechat: 'Link WeChat',
      linkAlipay: 'Link Alipay',
      companies: 'Sandbox companies',
      companiesIntro: 'A company on the payee gateway with a WeChat Pay sandbox merchant: run test payments, receive signed notifications.',
      createCompany: 'Create a sandbox company',
      created: 'Company created. Its API key is shown this once: copy it now.',
      keyOnce: 'API key (shown once)',
      snippets: 'Run it from your code',
      testPayment: 'Run a test payment',
      paymentMade: 'Test payment created: scan or open its code to pay it in the sandbox.',
      payments: 'Test payments',
      refresh: 'Refresh',
      notifyUrl: 'Your notification URL',
      sendNotification: 'Send a signed test notification',
      attempts: 'Notification attempts',
      noneYet: 'None yet.',
    },
    plan: {
      title: 'Buy a support plan',
      intro: 'Paid through payee itself: the plan turns active when payee’s signed notification of your payment arrives.',
      method: 'Pay with',
      methods: { 'alipay.qr': 'Alipay (QR code)', 'wechat.native': 'WeChat Pay (QR code)' },
      submit: 'Show the payment code',
      scan: 'Scan this code with the app to pay:',
      waiting: 'Waiting for the payment…',
      active: 'Paid: your plan is active.',
      buy: 'Buy',
    },
    noscript: 'The member pages need JavaScript.',
    failed: 'Something went wrong; try again.',
  },
  zh: {
    nav: '登录',
    email: '邮箱',
    password: '密码',
    passwordHint: '至少 10 个字符，须包含字母和数字。',
    signup: { title: '注册贝易会员', intro: '会员可获得沙箱公司与测试密钥、可运行的示例代码、测试通知以及技术支持套餐。', submit: '注册', done: '快完成了：我们已向您的邮箱发送确认链接。', haveAccount: '已是会员？登录' },
    verify: { title: '确认邮箱', working: '正在确认…', done: '您的邮箱已确认。', login: '登录' },
    login: { title: '登录', intro: '登录您的贝易会员账户。', submit: '登录', forgot: '忘记密码？', noAccount: '还没有账户？注册', wechat: '微信登录', alipay: '支付宝登录', notLinked: '该微信或支付宝用户尚未绑定会员：请先用邮箱登录，再在控制台绑定。' },
    reset: { title: '重置密码', intro: '我们会把设置新密码的链接发到您的邮箱。', submit: '发送链接', sent: '如果该邮箱属于会员，链接已发出。', newPassword: '新密码', confirm: '设置密码', done: '密码已设置，请用它登录。' },
    invite: { title: '加入贝易账户', intro: '您受邀加入一个贝易账户，请设置密码。', submit: '加入', done: '您已加入，请用邮箱和此密码登录。' },
    dashboard: {
      title: '控制台',
      loginFirst: '请先登录再查看控制台。',
      account: '账户',
      role: '角色',
      plan: '支持套餐',
      noPlan: '社区版（免费）',
      lastLogin: '上次登录',
      lastLogout: '上次退出',
      logout: '退出',
      users: '用户',
      usersIntro: '邀请开发者（沙箱公司、密钥、测试支付）和只读成员加入您的账户。',
      inviteEmail: '对方邮箱',
      inviteRole: '角色',
      inviteSubmit: '邀请',
      invited: '邀请已发送。',
      roles: { owner: '所有者', developer: '开发者', viewer: '只读成员' },
      verified: '已加入',
      pending: '已邀请',
      links: '已绑定的第三方登录',
      linkWechat: '绑定微信',
      linkAlipay: '绑定支付宝',
      companies: '沙箱公司',
      companiesIntro: '贝易网关上的一个公司，带微信支付沙箱商户：可运行测试支付、接收签名通知。',
      createCompany: '创建沙箱公司',
      created: '公司已创建。API 密钥仅显示这一次，请立即复制。',
      keyOnce: 'API 密钥（仅显示一次）',
      snippets: '在代码中运行',
      testPayment: '发起测试支付',
      paymentMade: '测试支付已创建：扫描或打开二维码链接在沙箱中支付。',
      payments: '测试支付',
      refresh: '刷新',
      notifyUrl: '您的通知地址',
      sendNotification: '发送签名测试通知',
      attempts: '通知记录',
      noneYet: '暂无。',
    },
    plan: {
      title: '购买支持套餐',
      intro: '通过贝易自身支付：收到贝易对您这笔支付的签名通知后，套餐即生效。',
      method: '支付方式',
      methods: { 'alipay.qr': '支付宝（扫码）', 'wechat.native': '微信支付（扫码）' },
      submit: '显示付款码',
      scan: '请用对应 App 扫描此码付款：',
      waiting: '等待付款…',
      active: '已付款：套餐已生效。',
      buy: '购买',
    },
    noscript: '会员页面需要启用 JavaScript。',
    failed: '出错了，请重试。',
  },
};
