import { describe, expect, it } from "vitest";
import { FormParseError, parseStripeForm } from "./form-body";

describe("parseStripeForm", () => {
  it("builds nested objects and arrays from bracket notation", () => {
    const text =
      "amount=2000&currency=cad&metadata[invoice_id]=inv_1&metadata[note]=a%20b%2Bc" +
      "&expand[0]=latest_charge&expand[1]=customer&payment_method_types[]=card" +
      "&invoice_settings[default_payment_method]=pm_1&items[0][price]=p1&items[0][quantity]=2&items[1][price]=p2";
    expect(parseStripeForm(text)).toEqual({
      amount: "2000",
      currency: "cad",
      metadata: { invoice_id: "inv_1", note: "a b+c" },
      expand: ["latest_charge", "customer"],
      payment_method_types: ["card"],
      invoice_settings: { default_payment_method: "pm_1" },
      items: [{ price: "p1", quantity: "2" }, { price: "p2" }],
    });
  });

  it("accepts percent-encoded brackets and empty values", () => {
    expect(parseStripeForm("metadata%5Bkey%5D=&name=")).toEqual({ metadata: { key: "" }, name: "" });
  });

  it("refuses conflicting shapes", () => {
    expect(() => parseStripeForm("metadata=x&metadata[a]=b")).toThrow(FormParseError);
    expect(() => parseStripeForm("a[0]=x&a[b]=y")).toThrow(FormParseError);
    expect(() => parseStripeForm("a[b=c")).toThrow(FormParseError);
  });
});
