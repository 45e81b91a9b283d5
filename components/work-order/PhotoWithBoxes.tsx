'use client';

import { boxToPercentRect, cleanBox, scorePercent } from './box-geometry';
import type { BoundingBoxDto } from '@/lib/shared/work-order-dto';
import styles from './PhotoWithBoxes.module.css';

export interface TaskBox {
  taskId: string;
  box: BoundingBoxDto;
}

/**
 * A photo with its bounding boxes drawn on an SVG stretched over it (viewBox 0..100, so
 * normalised coordinates map straight to percent). Boxes of the selected task stand out;
 * the others stay visible but faint.
 */
export function PhotoWithBoxes({
  src,
  alt,
  boxes,
  selectedTaskId,
  maxHeight,
  first = false,
}: {
  src: string;
  alt: string;
  boxes: TaskBox[];
  selectedTaskId: string | null;
  maxHeight?: number | string;
  /**
   * The page's first photo (its largest paint on a wide screen): fetched at once and first. The
   * others in a column wait until they come near the screen, so on a phone, where the photos
   * come after the tasks, they do not compete with the page's own code.
   */
  first?: boolean;
}) {
  const drawable = boxes
    .map((entry) => ({ ...entry, clean: cleanBox(entry.box) }))
    .filter((entry): entry is TaskBox & { clean: NonNullable<ReturnType<typeof cleanBox>> } => entry.clean !== null)
    // Selected boxes last so they are drawn on top.
    .sort((a, b) => Number(a.taskId === selectedTaskId) - Number(b.taskId === selectedTaskId));
  return (
    // Without a height limit the photo fills its column; with one (zoom dialog) it shrinks to fit.
    <div className={maxHeight ? `${styles.frame} ${styles.fit}` : styles.frame}>
      {/* eslint-disable-next-line @next/next/no-img-element -- our own authenticated proxy, never optimised */}
      <img
        src={src}
        alt={alt}
        loading={maxHeight || first ? 'eager' : 'lazy'}
        fetchPriority={first ? 'high' : 'auto'}
        style={
          maxHeight
            ? { display: 'block', maxWidth: '100%', maxHeight, height: 'auto' }
            : // The upstream does not send a photo's size: keep a field photo's usual 4:3 until it loads.
              { display: 'block', width: '100%', height: 'auto', aspectRatio: 'auto 4 / 3' }
        }
      />
      <svg
        viewBox="0 0 100 100"
        preserveAspectRatio="none"
        aria-hidden
        style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' }}
      >
        {drawable.map((entry, index) => {
          const rect = boxToPercentRect(entry.clean);
          const selected = entry.taskId === selectedTaskId;
          const score = scorePercent(entry.box.score);
          return (
            <g key={index} data-selected={selected || undefined} data-testid="bounding-box">
              <rect
                x={rect.x}
                y={rect.y}
                width={rect.width}
                height={rect.height}
                fill={selected ? 'rgba(255, 196, 0, 0.15)' : 'none'}
                stroke={selected ? '#ffc400' : 'rgba(255, 255, 255, 0.7)'}
                strokeWidth={selected ? 3 : 1.5}
                vectorEffect="non-scaling-stroke"
              />
              {selected && (entry.box.label || score !== null) ? (
                <text x={rect.x + 0.5} y={Math.max(rect.y - 1, 3)} fontSize={3} fill="#ffc400" stroke="#000" strokeWidth={0.15}>
                  {[entry.box.label, score !== null ? `${score}%` : null].filter(Boolean).join(' ')}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
