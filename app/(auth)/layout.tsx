export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <p className="mb-6 text-center text-xl font-bold text-primary">Switchboard</p>
        {children}
      </div>
    </main>
  );
}
