'use client';

import Box from '@mui/material/Box';
import type { BarChartProps } from '@mui/x-charts/BarChart';
import type { LineChartProps } from '@mui/x-charts/LineChart';
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState, type ReactNode } from 'react';

/*
 * The overview's charts without the charts library in the page's first load: a chart's code is
 * fetched when its card comes near the screen, and until it is drawn the card keeps the chart's
 * height, so nothing below moves. Same props as MUI X's BarChart and LineChart; an explicit
 * `height` is required (it is the space kept).
 */

/** How far below the screen a chart starts loading: drawn by the time it is scrolled to. */
const AHEAD = '200px 0px';
/** The legend MUI X draws above the plot, outside `height`. */
const LEGEND_HEIGHT = 30;

function reserved(props: { height: number; hideLegend?: boolean }): number {
  return props.height + (props.hideLegend ? 0 : LEGEND_HEIGHT);
}

const LoadedBarChart = dynamic(() => import('@mui/x-charts/BarChart').then((module) => module.BarChart), { ssr: false });
const LoadedLineChart = dynamic(() => import('@mui/x-charts/LineChart').then((module) => module.LineChart), { ssr: false });

/** True once the element has come within `AHEAD` of the screen (then stays true). */
function useNearScreen() {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || near) return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setNear(true), { rootMargin: AHEAD });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return { ref, near };
}

function Lazy({ height, children }: { height: number; children: ReactNode }) {
  const { ref, near } = useNearScreen();
  return (
    <Box ref={ref} sx={{ minHeight: height }}>
      {near ? children : null}
    </Box>
  );
}

export function BarChart(props: BarChartProps & { height: number }) {
  return (
    <Lazy height={reserved(props)}>
      <LoadedBarChart {...props} />
    </Lazy>
  );
}

export function LineChart(props: LineChartProps & { height: number }) {
  return (
    <Lazy height={reserved(props)}>
      <LoadedLineChart {...props} />
    </Lazy>
  );
}
