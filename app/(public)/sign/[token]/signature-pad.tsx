"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * A drawing pad (mouse, pen or finger). The PNG export goes into a hidden
 * field after each stroke; the server checks it really is a PNG image.
 */
export function SignaturePad({ name, label }: { name: string; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [value, setValue] = useState("");

  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const scaleX = event.currentTarget.width / rect.width;
    const scaleY = event.currentTarget.height / rect.height;
    return { x: (event.clientX - rect.left) * scaleX, y: (event.clientY - rect.top) * scaleY };
  };
  const context = () => {
    const ctx = canvas.current?.getContext("2d");
    if (ctx) {
      ctx.lineWidth = 3;
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      ctx.strokeStyle = "#0f1a59";
    }
    return ctx;
  };

  return (
    <div className="space-y-2">
      <canvas
        ref={canvas}
        width={600}
        height={180}
        role="img"
        aria-label={label}
        data-testid="signature-pad"
        className="h-36 w-full touch-none rounded-md border border-border bg-white"
        onPointerDown={(event) => {
          const ctx = context();
          if (!ctx) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          drawing.current = true;
          const { x, y } = point(event);
          ctx.beginPath();
          ctx.moveTo(x, y);
        }}
        onPointerMove={(event) => {
          if (!drawing.current) return;
          const ctx = context();
          const { x, y } = point(event);
          ctx?.lineTo(x, y);
          ctx?.stroke();
        }}
        onPointerUp={() => {
          drawing.current = false;
          setValue(canvas.current?.toDataURL("image/png") ?? "");
        }}
      />
      <input type="hidden" name={name} value={value} />
      <div className="flex items-center gap-3">
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={() => {
            const c = canvas.current;
            c?.getContext("2d")?.clearRect(0, 0, c.width, c.height);
            setValue("");
          }}
        >
          Clear
        </Button>
        <span className="text-sm text-muted-foreground" aria-live="polite">
          {value ? "Signature drawn." : "Draw your signature in the box."}
        </span>
      </div>
    </div>
  );
}
