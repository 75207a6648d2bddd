/** Errors in Stripe's wire shape: `{ error: { type, code, decline_code, message, param, … } }`. */

export type StripeErrorType = "api_error" | "card_error" | "idempotency_error" | "invalid_request_error";

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    message: string,
    readonly fields: { code?: string; decline_code?: string; param?: string; [extra: string]: unknown } = {},
  ) {
    super(message);
  }

  toBody(requestId: string): { error: Record<string, unknown> } {
    const docCode = this.fields.code ? `https://stripe.com/docs/error-codes/${this.fields.code.replace(/_/g, "-")}` : undefined;
    return {
      error: {
        type: this.type,
        message: this.message,
        ...(docCode ? { doc_url: docCode } : {}),
        request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}`,
        ...this.fields,
      },
    };
  }
}

export function missing(kind: string, id: string, param = "id"): StripeApiError {
  return new StripeApiError(404, "invalid_request_error", `No such ${kind}: '${id}'`, { code: "resource_missing", param });
}

export function invalid(message: string, param?: string, code = "parameter_invalid"): StripeApiError {
  return new StripeApiError(400, "invalid_request_error", message, { code, ...(param ? { param } : {}) });
}
