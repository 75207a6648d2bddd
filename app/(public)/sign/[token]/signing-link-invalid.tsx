import { SupportContact } from "@/components/ui/support-contact";

/** The one answer for a link that cannot be used (signed, replaced, revoked, expired, unknown). */
export function SigningLinkInvalid({ supportEmail }: { supportEmail: string }) {
  return (
    <div className="space-y-3" data-testid="signing-link-invalid">
      <h1 className="text-xl font-semibold">This signing link is no longer valid</h1>
      <p className="text-sm text-muted-foreground">
        It has already been used, was replaced by a newer link, or has expired. If you still need to sign, please contact us and we
        will send you a new link.
      </p>
      <SupportContact supportEmail={supportEmail} />
    </div>
  );
}
