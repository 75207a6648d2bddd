import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

/** A titled card: the sections of an application's page (documents, trail…). */
export function SectionCard({ title, children, className }: { title: React.ReactNode; children: React.ReactNode; className?: string }) {
  return (
    <Card className={className}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}
