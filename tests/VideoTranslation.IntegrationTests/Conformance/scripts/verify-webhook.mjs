// Verifies a webhook the server sent with the Standard Webhooks reference library. Exit 0 when it verifies; 1 with the
// library's reason when it does not.
// Usage: node verify-webhook.mjs SECRET DELIVERY_JSON   (DELIVERY_JSON: {"body": "...", "headers": {...}})
import { readFile } from "node:fs/promises";
import { Webhook } from "standardwebhooks";

const [secret, deliveryPath] = process.argv.slice(2);
const delivery = JSON.parse(await readFile(deliveryPath, "utf8"));
try {
  const payload = new Webhook(secret).verify(delivery.body, delivery.headers);
  console.log(JSON.stringify({ verified: true, type: payload.type }));
} catch (error) {
  console.log(JSON.stringify({ verified: false, reason: String(error.message ?? error) }));
  process.exit(1);
}
