"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/use-toast";
import { TICKET_PRIORITIES, TICKET_PRIORITY_INFO, type TicketPriority } from "@/lib/helpdesk/constants";
import { WEEKDAYS, type SlaSettings, type Weekday } from "@/lib/helpdesk/sla-config";
import { fieldErrorsOf } from "@/lib/trpc/field-errors";
import { useTRPC } from "@/lib/trpc/react";

const DAY_LABEL: Record<Weekday, string> = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };
const TARGETS = [
  { key: "firstResponseMinutes", label: "First response" },
  { key: "nextUpdateMinutes", label: "Next update" },
  { key: "resolutionMinutes", label: "Resolution" },
] as const;

function asHours(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return "";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h${m ? ` ${m} min` : ""}` : `${m} min`;
}

/** The SLA calendar and per-priority targets, validated by the same schema the server uses. */
export function SlaSettingsForm() {
  const trpc = useTRPC();
  const current = useQuery(trpc.helpdesk.settings.getSla.queryOptions());
  if (!current.data) return <Skeleton className="h-96 w-full" />;
  return <SlaForm initial={current.data} />;
}

function SlaForm({ initial }: { initial: SlaSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<SlaSettings>(initial);
  const [holidays, setHolidays] = useState(initial.calendar.holidays.join("\n"));
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});

  const save = useMutation(
    trpc.helpdesk.settings.saveSla.mutationOptions({
      onSuccess: (saved) => {
        setErrors({});
        setForm(saved);
        toast({ title: "SLA settings saved", description: "New deadlines apply from each ticket's next change or SLA check.", variant: "success" });
        void queryClient.invalidateQueries({ queryKey: trpc.helpdesk.settings.getSla.queryKey() });
      },
      onError: (error) => {
        setErrors(fieldErrorsOf(error));
        toast({ title: "Not saved", description: error.message, variant: "error" });
      },
    }),
  );
  const sweep = useMutation(
    trpc.helpdesk.settings.runSlaSweep.mutationOptions({
      onSuccess: (r) => toast({ title: "SLA check finished", description: `${r.checked} tickets checked, ${r.breaches} new breaches, ${r.escalations} escalations.` }),
    }),
  );

  const cal = form.calendar;
  const setCal = (patch: Partial<SlaSettings["calendar"]>) => setForm({ ...form, calendar: { ...cal, ...patch } });
  const setTarget = (p: TicketPriority, key: (typeof TARGETS)[number]["key"], value: number) =>
    setForm({ ...form, policies: { ...form.policies, [p]: { ...form.policies[p], [key]: value } } });
  const err = (path: string) => errors[path];

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        const list = holidays.split(/[\s,]+/).map((d) => d.trim()).filter(Boolean);
        save.mutate({ ...form, calendar: { ...cal, holidays: list } });
      }}
    >
      <Card>
        <CardHeader>
          <CardTitle as="h2">Business hours</CardTitle>
          <CardDescription>SLA clocks only run inside these hours, on working days that are not holidays.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-3">
          <FormField label="Time zone" description="IANA name, e.g. Europe/Amsterdam" error={err("calendar.timezone")}>
            <Input value={cal.timezone} onChange={(e) => setCal({ timezone: e.target.value })} />
          </FormField>
          <FormField label="Opens" error={err("calendar.hours.open")}>
            <Input type="time" value={cal.hours.open} onChange={(e) => setCal({ hours: { ...cal.hours, open: e.target.value } })} />
          </FormField>
          <FormField label="Closes" description="24:00 for midnight" error={err("calendar.hours.close")}>
            <Input value={cal.hours.close} pattern="\d{2}:\d{2}" onChange={(e) => setCal({ hours: { ...cal.hours, close: e.target.value } })} />
          </FormField>
          <fieldset className="sm:col-span-3">
            <legend className="mb-2 text-sm font-medium">Working days</legend>
            <div className="flex flex-wrap gap-4">
              {WEEKDAYS.map((d) => (
                <FormField key={d} label={DAY_LABEL[d]} layout="inline">
                  <Checkbox
                    checked={cal.workingDays.includes(d)}
                    onCheckedChange={(checked) =>
                      setCal({ workingDays: checked ? WEEKDAYS.filter((w) => w === d || cal.workingDays.includes(w)) : cal.workingDays.filter((w) => w !== d) })
                    }
                  />
                </FormField>
              ))}
            </div>
            {err("calendar.workingDays") ? <p className="mt-1 text-sm text-danger">{err("calendar.workingDays")?.[0]}</p> : null}
          </fieldset>
          <FormField label="Holidays" description="One date per line (YYYY-MM-DD)" error={err("calendar.holidays") ?? Object.entries(errors).find(([k]) => k.startsWith("calendar.holidays."))?.[1]} className="sm:col-span-3">
            <Textarea value={holidays} onChange={(e) => setHolidays(e.target.value)} rows={3} />
          </FormField>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Targets per priority</CardTitle>
          <CardDescription>In business minutes. Each target is a separate deadline on the ticket.</CardDescription>
        </CardHeader>
        <CardContent className="relative overflow-x-auto">
          <table className="w-full min-w-[36rem] text-sm">
            <thead>
              <tr className="text-left">
                <th scope="col" className="py-2 pr-4">Priority</th>
                {TARGETS.map((t) => (
                  <th key={t.key} scope="col" className="py-2 pr-4">{t.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...TICKET_PRIORITIES].reverse().map((p) => (
                <tr key={p} className="border-t align-top">
                  <th scope="row" className="py-2 pr-4 font-medium">{TICKET_PRIORITY_INFO[p].label}</th>
                  {TARGETS.map((t) => (
                    <td key={t.key} className="py-2 pr-4">
                      <FormField label={`${TICKET_PRIORITY_INFO[p].label} ${t.label.toLowerCase()} minutes`} hideLabel description={asHours(form.policies[p][t.key])} error={err(`policies.${p}.${t.key}`)}>
                        <Input type="number" min={1} step={1} value={form.policies[p][t.key]} onChange={(e) => setTarget(p, t.key, e.target.valueAsNumber)} />
                      </FormField>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <FormField label="At risk after" description="Share of a target's time after which it shows as at risk, in percent" error={err("atRiskFraction")} className="mt-4 max-w-xs">
            <Input
              type="number"
              min={1}
              max={99}
              value={Math.round(form.atRiskFraction * 100)}
              onChange={(e) => setForm({ ...form, atRiskFraction: e.target.valueAsNumber / 100 })}
            />
          </FormField>
        </CardContent>
      </Card>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={save.isPending}>
          Save SLA settings
        </Button>
        <Button type="button" variant="outline" loading={sweep.isPending} onClick={() => sweep.mutate()}>
          Run SLA check now
        </Button>
      </div>
    </form>
  );
}
