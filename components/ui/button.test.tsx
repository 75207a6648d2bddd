import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Button } from "./button";

describe("Button", () => {
  it("renders its child element instead of a <button> with asChild", () => {
    const html = renderToStaticMarkup(
      <Button asChild variant="outline">
        <a href="https://example.com/help">New ticket</a>
      </Button>,
    );
    expect(html).toMatch(/^<a [^>]*href="https:\/\/example\.com\/help"/);
    expect(html).not.toContain("<button");
    expect(html).toMatch(/class="[^"]*border-input/);
    // `type` belongs to buttons; it must not leak onto the link.
    expect(html).not.toContain('type="button"');
  });

  it("is a non-submitting button by default", () => {
    expect(renderToStaticMarkup(<Button>Save</Button>)).toMatch(/^<button[^>]*type="button"/);
  });

  it("shows a spinner, aria-busy and disabled while loading", () => {
    const html = renderToStaticMarkup(<Button loading>Save</Button>);
    expect(html).toMatch(/^<button[^>]*\sdisabled=""/);
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('data-slot="spinner"');
    expect(html).toContain("Save");
  });

  it("lets a caller's class override the variant's conflicting class", () => {
    const html = renderToStaticMarkup(<Button className="bg-danger">Delete</Button>);
    expect(html).toContain("bg-danger");
    expect(html).not.toMatch(/class="(?:[^"]*\s)?bg-primary[\s"]/);
  });
});
