/** POST /v1/payments/{payNo}/notifications/resend — notify the merchant again of the payment as it is now. */
import { apiHandler } from '#lib/http/api-handler.ts';
import { companyOf } from '#lib/http/request.ts';
import { json } from '#lib/http/response.ts';
import { resendNotification } from '#lib/notify/notifications-api.ts';
import { DynamoNotificationStore } from '#lib/store/dynamodb/notification-store.ts';
import { DynamoPaymentStore } from '#lib/store/dynamodb/payment-store.ts';

const deps = { payments: new DynamoPaymentStore(), notifications: new DynamoNotificationStore(), now: () => new Date() };

export const handler = apiHandler(async (event) => {
  return json(202, await resendNotification(deps, companyOf(event), event.pathParameters?.payNo ?? ''));
});
