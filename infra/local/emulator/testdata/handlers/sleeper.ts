// Sleeps past its 1 s timeout unless asked not to.
let invocations = 0;

export async function handler(event: { queryStringParameters?: Record<string, string> | null }) {
  invocations++;
  const ms = Number(event.queryStringParameters?.ms ?? 3000);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return { statusCode: 200, body: JSON.stringify({ invocations }) };
}
