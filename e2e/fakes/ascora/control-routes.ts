/**
 * /__control: what a test does to the fake (seed, edit, break, fix, read
 * back). Never authenticated, never part of Ascora. Test code only.
 */
import { parseFault, type FaultBoard } from "./fake-ascora-faults";
import type { FakeRouteModule } from "./fake-ascora-router";

export function controlRoutes(faults: FaultBoard): FakeRouteModule {
  return (router) => {
    router.on("POST", "/__control/reset", (req) => {
      req.state.reset();
      faults.clear();
      return { status: 200, body: { ok: true } };
    });
    router.on("POST", "/__control/fault", (req) => {
      try {
        faults.add(parseFault(req.body));
        return { status: 200, body: { ok: true } };
      } catch (e) {
        return { status: 400, body: { error: (e as Error).message } };
      }
    });
    router.on("POST", "/__control/faults/clear", () => {
      faults.clear();
      return { status: 200, body: { ok: true } };
    });
    router.on("GET", "/__control/customers", (req) => ({ status: 200, body: { customers: [...req.state.customers.values()] } }));
    router.on("POST", "/__control/customers", (req) => ({ status: 200, body: req.state.seedCustomer((req.body ?? {}) as Record<string, unknown>) }));
    router.on("POST", "/__control/customers/:id", (req) => {
      const c = req.state.editCustomer(req.params.id!, (req.body ?? {}) as Record<string, unknown>);
      return c ? { status: 200, body: c } : { status: 404, body: { error: "no such customer" } };
    });
    // A deletion made in Ascora's own UI.
    router.on("DELETE", "/__control/customers/:id", (req) =>
      req.state.deleteCustomer(req.params.id!) ? { status: 200, body: { ok: true } } : { status: 404, body: { error: "no such customer" } },
    );
    router.on("POST", "/__control/invoices", (req) => {
      const b = (req.body ?? {}) as { invoice?: Record<string, unknown>; companyId?: string };
      return { status: 200, body: req.state.seedInvoice(b.invoice ?? {}, b.companyId) };
    });
    router.on("GET", "/__control/invoices", (req) => ({ status: 200, body: { invoices: [...req.state.invoices.values()] } }));
    router.on("POST", "/__control/payments", (req) => {
      const b = (req.body ?? {}) as { payment?: Record<string, unknown> };
      return { status: 200, body: req.state.seedPayment(b.payment ?? {}) };
    });
    router.on("GET", "/__control/payments", (req) => ({ status: 200, body: { payments: [...req.state.payments.values()] } }));
    router.on("GET", "/__control/calls", (req) => ({ status: 200, body: { calls: req.state.calls } }));
  };
}
