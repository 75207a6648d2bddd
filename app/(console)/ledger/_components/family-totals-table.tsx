import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { FAMILY_LABEL, type LedgerFamilyName } from "@/lib/ledger/families";

/** Income lines and their total per service family (the ingest summary and an ingest's result). */
export function FamilyTotalsTable({ label, rows }: { label: string; rows: { family: LedgerFamilyName; lines: number; total: string }[] }) {
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHead>Family</TableHead>
          <TableHead className="text-right">Lines</TableHead>
          <TableHead className="text-right">Total</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((f) => (
          <TableRow key={f.family}>
            <TableCell>{FAMILY_LABEL[f.family]}</TableCell>
            <TableCell className="text-right tabular-nums">{f.lines}</TableCell>
            <TableCell className="text-right tabular-nums">{f.total}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
