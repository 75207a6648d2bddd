"use client";

import { Button } from "@/components/ui/button";

/** Previous / Next over keyset pages: `cursors` is the stack of cursors that led to the current page. */
export function CursorPager({ cursors, nextCursor, onChange }: { cursors: string[]; nextCursor: string | null | undefined; onChange: (cursors: string[]) => void }) {
  return (
    <div className="flex gap-2">
      <Button size="sm" variant="outline" disabled={cursors.length === 0} onClick={() => onChange(cursors.slice(0, -1))}>
        Previous
      </Button>
      <Button size="sm" variant="outline" disabled={!nextCursor} onClick={() => nextCursor && onChange([...cursors, nextCursor])}>
        Next
      </Button>
    </div>
  );
}
