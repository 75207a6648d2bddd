/** "Contact: <support address>" under a public page's message (approval and signing links). */
export function SupportContact({ supportEmail }: { supportEmail: string }) {
  return (
    <p className="text-sm">
      Contact:{" "}
      <a className="font-medium text-primary underline underline-offset-2" href={`mailto:${supportEmail}`}>
        {supportEmail}
      </a>
    </p>
  );
}
