'use client';

import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import { clampView, panBy, zoomAt, type ZoomView } from './box-geometry';
import { PhotoWithBoxes, type TaskBox } from './PhotoWithBoxes';

/** Full-size photo with zoom (buttons, wheel, +/−) and pan (drag, arrow keys). */
export function ZoomDialog({
  src,
  alt,
  title,
  boxes,
  selectedTaskId,
  onClose,
}: {
  src: string;
  alt: string;
  title: string;
  boxes: TaskBox[];
  selectedTaskId: string | null;
  onClose(): void;
}) {
  const t = useTranslations('workOrder.photos');
  const [view, setView] = useState<ZoomView>({ scale: 1, offsetX: 0, offsetY: 0 });
  const viewport = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);

  const size = () => viewport.current?.getBoundingClientRect() ?? { width: 1, height: 1, left: 0, top: 0 };

  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    const rect = size();
    const point = { x: (event.clientX - rect.left) / rect.width - 0.5, y: (event.clientY - rect.top) / rect.height - 0.5 };
    setView((current) => zoomAt(current, event.deltaY < 0 ? 1.25 : 0.8, point));
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = { x: event.clientX, y: event.clientY };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    const rect = size();
    const dx = (event.clientX - drag.current.x) / rect.width;
    const dy = (event.clientY - drag.current.y) / rect.height;
    drag.current = { x: event.clientX, y: event.clientY };
    setView((current) => panBy(current, dx, dy));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = 0.1;
    const actions: Record<string, (v: ZoomView) => ZoomView> = {
      '+': (v) => zoomAt(v, 1.25),
      '=': (v) => zoomAt(v, 1.25),
      '-': (v) => zoomAt(v, 0.8),
      '0': () => clampView({ scale: 1, offsetX: 0, offsetY: 0 }),
      ArrowLeft: (v) => panBy(v, step, 0),
      ArrowRight: (v) => panBy(v, -step, 0),
      ArrowUp: (v) => panBy(v, 0, step),
      ArrowDown: (v) => panBy(v, 0, -step),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      setView(action);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="zoom-title">
      <DialogTitle id="zoom-title">{title}</DialogTitle>
      <DialogContent dividers>
        <Box
          ref={viewport}
          tabIndex={0}
          role="img"
          aria-label={t('zoomArea', { alt })}
          aria-describedby="zoom-help"
          onWheel={onWheel}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => (drag.current = null)}
          onPointerCancel={() => (drag.current = null)}
          onKeyDown={onKeyDown}
          sx={{
            overflow: 'hidden',
            height: '70vh',
            bgcolor: 'grey.900',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            cursor: view.scale > 1 ? 'grab' : 'default',
            touchAction: 'none',
            '&:focus-visible': { outline: 2, outlineStyle: 'solid', outlineColor: 'primary.main' },
          }}
        >
          <Box
            sx={{
              transform: `translate(${view.offsetX * 100}%, ${view.offsetY * 100}%) scale(${view.scale})`,
              transformOrigin: 'center',
              lineHeight: 0,
            }}
          >
            <PhotoWithBoxes src={src} alt={alt} boxes={boxes} selectedTaskId={selectedTaskId} maxHeight="70vh" />
          </Box>
        </Box>
        <Typography id="zoom-help" variant="caption" color="textSecondary">
          {t('zoomHelp')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <IconButton aria-label={t('zoomOut')} onClick={() => setView((v) => zoomAt(v, 0.8))}>
          <ZoomOutIcon />
        </IconButton>
        <Typography variant="body2" aria-live="polite">
          {Math.round(view.scale * 100)}%
        </Typography>
        <IconButton aria-label={t('zoomIn')} onClick={() => setView((v) => zoomAt(v, 1.25))}>
          <ZoomInIcon />
        </IconButton>
        <Button onClick={() => setView({ scale: 1, offsetX: 0, offsetY: 0 })}>{t('fit')}</Button>
        <Button onClick={onClose}>{t('close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
