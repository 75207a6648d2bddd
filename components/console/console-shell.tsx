"use client";

import { Menu } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { NavItem } from "./nav-items";
import { SidebarNav } from "./sidebar-nav";

interface Props {
  items: NavItem[];
  userMenu: React.ReactNode;
  children: React.ReactNode;
}

/** Sidebar on wide screens, a menu button on phones; the top bar carries the user menu. */
export function ConsoleShell({ items, userMenu, children }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[15rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-background focus:p-2">
        Skip to content
      </a>
      <aside className="hidden border-r border-border bg-background p-4 md:block">
        <Link href="/dashboard" className="mb-6 block px-3 text-lg font-bold text-primary">
          Switchboard
        </Link>
        <SidebarNav items={items} />
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="flex h-14 items-center justify-between gap-2 border-b border-border bg-background px-4">
          <div className="flex items-center gap-2 md:hidden">
            <Dialog open={open} onOpenChange={setOpen}>
              <DialogTrigger asChild>
                <Button variant="ghost" size="icon" aria-label="Open menu">
                  <Menu className="size-5" aria-hidden />
                </Button>
              </DialogTrigger>
              <DialogContent className="max-w-xs">
                <DialogTitle>Switchboard</DialogTitle>
                <SidebarNav items={items} onNavigate={() => setOpen(false)} />
              </DialogContent>
            </Dialog>
            <span className="font-bold text-primary">Switchboard</span>
          </div>
          <div className="ml-auto">{userMenu}</div>
        </header>
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 p-4 md:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
