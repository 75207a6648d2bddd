"use client";

import { useMutation } from "@tanstack/react-query";
import { Paperclip } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { toast } from "@/components/ui/use-toast";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { useTRPC } from "@/lib/trpc/react";
import { AttachmentPicker, type PickableAttachment } from "./attachment-picker";

/** "Send attachments" on an active job: pick more of the ticket's files; ones the job has are shown as sent. */
export function SendAttachmentsDialog(props: {
  fieldJobId: string;
  jobLabel: string;
  attachments: readonly PickableAttachment[];
  alreadySent: readonly string[];
  onSent: () => unknown;
}) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const { errors, setErrors, onError } = useFormErrors("Could not send the attachments");
  const send = useMutation(
    trpc.fieldJobs.sendAttachments.mutationOptions({
      onSuccess: (r) => {
        toast({ title: r.queued > 0 ? `${r.queued} attachment${r.queued === 1 ? "" : "s"} on the way to the job` : "The job already has those attachments", variant: "success" });
        setOpen(false);
        void props.onSent();
      },
      onError,
    }),
  );
  const offered = props.attachments.filter((a) => !props.alreadySent.includes(a.id)).length;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setSelected([]);
          setErrors({});
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost">
          <Paperclip aria-hidden /> Send attachments
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90dvh] max-w-lg overflow-y-auto">
        <DialogHeader>
          <DialogTitle>Send attachments to {props.jobLabel}</DialogTitle>
          <DialogDescription>Each file goes to the job once; the technician sees it on the job.</DialogDescription>
        </DialogHeader>
        <form
          id={`send-attachments-${props.fieldJobId}`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (selected.length === 0) {
              setErrors({ attachmentIds: [offered === 0 ? "There is nothing new to send" : "Choose at least one attachment"] });
              return;
            }
            setErrors({});
            send.mutate({ fieldJobId: props.fieldJobId, attachmentIds: selected });
          }}
        >
          <AttachmentPicker attachments={props.attachments} selected={selected} onChange={setSelected} alreadySent={props.alreadySent} error={errors.attachmentIds} />
        </form>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button type="submit" form={`send-attachments-${props.fieldJobId}`} loading={send.isPending} disabled={props.attachments.length === 0}>
            Send
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
