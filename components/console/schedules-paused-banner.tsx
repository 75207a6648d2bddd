import { Alert } from "@/components/ui/alert";
import { schedulesStatus } from "@/server/ops/background-jobs-report";

/**
 * Shown on every console page while no Inngest server can run schedules (a
 * laptop without the Dev Server, an inline test stack): the app works, but SLA
 * sweeps, rating, dunning, reminders and retries wait until someone runs them.
 */
export async function SchedulesPausedBanner() {
  const { mode, schedulesRunning } = await schedulesStatus();
  if (schedulesRunning) return null;
  return (
    <Alert variant="warning" title="Schedules are paused" className="mb-4" data-testid="schedules-paused">
      {mode === "inline" ? (
        <p>BACKGROUND_JOBS=inline: work after each request runs in this process, but no scheduled job runs.</p>
      ) : (
        <p>
          No Inngest server answers, so SLA sweeps, usage rating, dunning, reminders and retries do not run on their own
          (mail and webhooks are still sent right after each request). Run{" "}
          <code className="rounded bg-background/60 px-1">npx inngest-cli dev -u http://localhost:3000/api/inngest</code> and start
          the app with <code className="rounded bg-background/60 px-1">INNGEST_DEV=1</code> (npm run dev does), or configure
          Inngest as the README&apos;s Production section describes.
        </p>
      )}
    </Alert>
  );
}
