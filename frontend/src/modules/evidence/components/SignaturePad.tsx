import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef } from 'react';
import { Button, Flex, Typography } from 'antd';
import { ClearOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n';

/** Size of the exported PNG. */
export const SIGNATURE_WIDTH = 600;
export const SIGNATURE_HEIGHT = 240;

type Point = [number, number];

export interface SignaturePadHandle {
  isEmpty: () => boolean;
  clear: () => void;
  /** A 600×240 PNG on white, or null when nothing was drawn. */
  toPng: () => Promise<Blob | null>;
}

interface Props {
  /** Form binding: a marker string while there is ink, undefined when empty. */
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Called on every change of the ink (a stroke ended, the pad was cleared). */
  onInk?: () => void;
  disabled?: boolean;
}

/** The ink of one pad, in 0..1 coordinates so it survives a resize. */
type Strokes = Point[][];

function draw(canvas: HTMLCanvasElement, strokes: Strokes, width: number, height: number, scale: number) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = '#111';
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.lineWidth = Math.max(2, width / 220);
  strokes.forEach((stroke) => {
    if (stroke.length === 0) return;
    ctx.beginPath();
    ctx.moveTo(stroke[0][0] * width, stroke[0][1] * height);
    if (stroke.length === 1) ctx.lineTo(stroke[0][0] * width + 0.1, stroke[0][1] * height + 0.1);
    stroke.slice(1).forEach(([x, y]) => ctx.lineTo(x * width, y * height));
    ctx.stroke();
  });
}

/**
 * A signature pad for finger, pen or mouse (pointer events, `touch-action: none` so the page does
 * not scroll while signing). Device-pixel-ratio aware; exports a fixed-size PNG on white.
 */
export const SignaturePad = forwardRef<SignaturePadHandle, Props>(function SignaturePad({ onChange, onInk, disabled }, ref) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Strokes>([]);
  const drawing = useRef<number | null>(null);

  const redraw = useCallback(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const rect = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(rect.width * dpr));
    const h = Math.max(1, Math.round(rect.height * dpr));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    draw(canvas, strokes.current, rect.width, rect.height, dpr);
  }, []);

  useEffect(() => {
    redraw();
    const canvas = canvasRef.current;
    if (!canvas || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => redraw());
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [redraw]);

  const clear = useCallback(() => {
    strokes.current = [];
    redraw();
    onChange?.(undefined);
    onInk?.();
  }, [redraw, onChange, onInk]);

  useImperativeHandle(
    ref,
    () => ({
      isEmpty: () => strokes.current.length === 0,
      clear,
      toPng: () =>
        new Promise<Blob | null>((resolve) => {
          if (strokes.current.length === 0) return resolve(null);
          const out = document.createElement('canvas');
          out.width = SIGNATURE_WIDTH;
          out.height = SIGNATURE_HEIGHT;
          draw(out, strokes.current, SIGNATURE_WIDTH, SIGNATURE_HEIGHT, 1);
          out.toBlob((blob) => resolve(blob), 'image/png');
        }),
    }),
    [clear],
  );

  const point = (event: React.PointerEvent<HTMLCanvasElement>): Point => {
    const rect = event.currentTarget.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return [clamp((event.clientX - rect.left) / rect.width), clamp((event.clientY - rect.top) / rect.height)];
  };

  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (disabled || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    drawing.current = event.pointerId;
    strokes.current.push([point(event)]);
    redraw();
  };

  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current !== event.pointerId) return;
    event.preventDefault();
    const stroke = strokes.current[strokes.current.length - 1];
    const events = event.nativeEvent.getCoalescedEvents?.() ?? [];
    if (events.length > 1) {
      const rect = event.currentTarget.getBoundingClientRect();
      events.forEach((e) => stroke.push([Math.min(1, Math.max(0, (e.clientX - rect.left) / rect.width)), Math.min(1, Math.max(0, (e.clientY - rect.top) / rect.height))]));
    } else {
      stroke.push(point(event));
    }
    redraw();
  };

  const onPointerEnd = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current !== event.pointerId) return;
    drawing.current = null;
    onChange?.('ink');
    onInk?.();
  };

  return (
    <div>
      <canvas
        ref={canvasRef}
        data-testid="signature-pad"
        aria-label={t('evidence.signHere')}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        style={{
          display: 'block',
          width: '100%',
          aspectRatio: `${SIGNATURE_WIDTH} / ${SIGNATURE_HEIGHT}`,
          touchAction: 'none',
          border: '1px dashed #bfbfbf',
          borderRadius: 6,
          background: '#fff',
          cursor: disabled ? 'not-allowed' : 'crosshair',
        }}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">{t('evidence.signHere')}</Typography.Text>
        <Button size="middle" icon={<ClearOutlined />} onClick={clear} disabled={disabled} data-testid="signature-clear">
          {t('evidence.clearSignature')}
        </Button>
      </Flex>
    </div>
  );
});
