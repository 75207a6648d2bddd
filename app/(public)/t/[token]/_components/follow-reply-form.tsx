"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ReplyBox } from "@/components/helpdesk/reply-box";
import { toast } from "@/components/ui/use-toast";
import { useTRPC } from "@/lib/trpc/react";

/** The reply form on a magic-link page; the page reloads its thread after sending. */
export function FollowReplyForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const reply = useMutation(trpc.helpdesk.followLink.reply.mutationOptions());
  return (
    <ReplyBox
      label="Your reply"
      onSubmit={async ({ body, attachments }) => {
        await reply.mutateAsync({ token, body, attachments });
        toast({ title: "Reply sent", description: "Support has been notified.", variant: "success" });
        router.refresh();
      }}
    />
  );
}
