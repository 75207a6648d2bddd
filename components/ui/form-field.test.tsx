import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FormField } from "./form-field";
import { Input } from "./input";

/** The opening tag of the element whose id is `id`. */
function elementById(html: string, id: string): string {
  const match = html.match(new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`));
  if (!match) throw new Error(`no element with id ${id} in ${html}`);
  return match[0];
}

describe("FormField", () => {
  it("points the control at its description and error and marks it invalid", () => {
    const html = renderToStaticMarkup(
      <FormField label="E-mail" id="email" description="We send the receipt here." error="Enter a valid e-mail address">
        <Input type="email" />
      </FormField>,
    );
    const input = elementById(html, "email");
    expect(input).toMatch(/^<input/);
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain('aria-describedby="email-description email-error"');
    expect(elementById(html, "email-error")).toContain('role="alert"');
    expect(html).toContain("Enter a valid e-mail address");
    expect(html).toContain('for="email"');
  });

  it("leaves a valid control unmarked and renders no alert", () => {
    const html = renderToStaticMarkup(
      <FormField label="Name" id="name">
        <Input />
      </FormField>,
    );
    const input = elementById(html, "name");
    expect(input).not.toMatch(/\saria-invalid=/);
    expect(input).not.toMatch(/\saria-describedby=/);
    expect(html).not.toContain('role="alert"');
  });

  it("hands the same wiring to a render-prop control and keeps the child's own description", () => {
    const html = renderToStaticMarkup(
      <FormField label="Note" error={["Too short", "Must mention the ticket"]} required>
        {(control) => <textarea {...control} aria-describedby={`hint ${control["aria-describedby"]}`} />}
      </FormField>,
    );
    const id = html.match(/<textarea[^>]*\sid="([^"]+)"/)?.[1];
    expect(id).toBeTruthy();
    const textarea = elementById(html, id!);
    expect(textarea).toContain('aria-invalid="true"');
    expect(textarea).toContain('aria-required="true"');
    expect(textarea).toContain(`aria-describedby="hint ${id}-error"`);
    expect(html).toContain("<li>Too short</li>");
    expect(html).toContain("<li>Must mention the ticket</li>");
  });
});
