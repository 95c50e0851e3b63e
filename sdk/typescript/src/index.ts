export { Payee, FINAL_PAYMENT_STATUSES, FINAL_REFUND_STATUSES, type DailyReportRow, type DetailLine, type GroupMember, type GroupMemberRequest, type GroupStatus, type PaymentStatus, type RefundStatus, type WaitOptions } from './client.ts';
export type { Clock, PayeeOptions, RequestOptions } from './http.ts';
export * from './errors.ts';
export * from './models.ts';
export { DEFAULT_TOLERANCE_SECONDS, isGroupNotification, SIGNATURE_HEADER, signNotification, verifyNotification, verifySignature, type VerifiedNotification, type VerifyOptions } from './notifications.ts';
export { VERSION } from './version.ts';
