import type { SimControl } from "./control";

/**
 * Status webhooks, POSTed to the URL registered through `/__sim/settings { webhookUrl }` and signed
 * as each platform signs them; `headers` carries the signature. Delivery is best effort, as the
 * platforms' is: a failed delivery is counted, never retried here.
 */
export class Webhooks {
  sent = 0;
  failed = 0;

  constructor(private readonly control: SimControl) {}

  deliver(body: string, headers: (url: string) => Record<string, string>): void {
    const url = this.control.settings.webhookUrl;
    if (!url) return;
    void fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers(url) },
      body,
      signal: AbortSignal.timeout(5000),
    }).then(
      (res) => {
        if (res.ok) this.sent++;
        else this.failed++;
        void res.body?.cancel();
      },
      () => this.failed++,
    );
  }
}
