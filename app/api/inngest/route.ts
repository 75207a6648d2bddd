import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

// GET/PUT/POST /api/inngest – introspection, registration and signed function runs for the Inngest executor
export const { GET, POST, PUT } = serve({ client: inngest, functions });
