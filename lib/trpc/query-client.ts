import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/**
 * One QueryClient recipe for both sides: the server's (prefetch, then
 * dehydrate into the page) and the browser's (hydrate). Data crosses with
 * superjson so Dates and Decimals arrive as they left the procedure.
 */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Long enough that hydrated data is not refetched straight after the first paint.
        staleTime: 30_000,
        retry: (count, error) =>
          count < 2 && !/UNAUTHORIZED|FORBIDDEN|NOT_FOUND|BAD_REQUEST/.test(String((error as { data?: { code?: string } }).data?.code)),
      },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
