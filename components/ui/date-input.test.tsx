import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DateInput } from "./date-input";
import { FormField } from "./form-field";

describe("DateInput", () => {
  it("shows the app's date format, labelled by its field, and submits the ISO date under its name", () => {
    const html = renderToStaticMarkup(
      <FormField label="Date" id="signed-on" required>
        <DateInput name="signedOn" defaultValue="2026-12-05" required />
      </FormField>,
    );
    const text = html.match(/<input[^>]*id="signed-on"[^>]*>/)?.[0] ?? "";
    expect(text).toContain('type="text"');
    expect(text).toContain('value="5 Dec 2026"');
    expect(text).toContain('aria-required="true"');
    expect(html).toMatch(/<input type="hidden" name="signedOn" value="2026-12-05"\/?>/);
    // The browser's own picker holds the same date and stays out of the tab order.
    const picker = html.match(/<input[^>]*type="date"[^>]*>/)?.[0] ?? "";
    expect(picker).toContain('value="2026-12-05"');
    expect(picker).toContain('tabindex="-1"');
    expect(html).toContain('aria-label="Choose a date from a calendar"');
  });

  it("shows nothing for no date", () => {
    const html = renderToStaticMarkup(<DateInput value="" onValueChange={() => {}} />);
    expect(html).toMatch(/<input[^>]*type="text"[^>]*value=""/);
  });
});
