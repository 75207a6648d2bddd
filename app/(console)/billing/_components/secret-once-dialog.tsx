"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";

/** Shows a secret (API key, signing secret) that will not be shown again. */
export function SecretOnceDialog({ title, secret, note, onClose }: { title: string; secret: string | null; note: string; onClose: () => void }) {
  return (
    <Dialog open={secret !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{note}</DialogDescription>
        </DialogHeader>
        <Alert variant="warning">Copy it now: Switchboard keeps only a hash and cannot show it again.</Alert>
        <Input readOnly value={secret ?? ""} aria-label={title} data-testid="secret-value" onFocus={(e) => e.target.select()} className="font-mono" />
        <DialogFooter>
          <Button variant="outline" onClick={() => void navigator.clipboard?.writeText(secret ?? "")}>
            Copy
          </Button>
          <Button onClick={onClose}>Done</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
