/** The signed-in agent as the trail and message author. */
export const actorOf = (user: { id: string; name: string | null; email: string }) => ({
  kind: "agent" as const,
  userId: user.id,
  name: user.name ?? user.email,
});
