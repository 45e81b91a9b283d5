import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import type { SxProps, Theme } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { ReactNode } from 'react';
import { visuallyHidden } from './visually-hidden';

export interface DataTableColumn {
  key: string;
  label: ReactNode;
  align?: 'right';
  /** Announced to screen readers, not shown (an actions column whose buttons speak for themselves). */
  labelHidden?: boolean;
  sx?: SxProps<Theme>;
}

/**
 * The bordered small table of the admin pages: a header row from `columns`, the rows given as
 * children, and `empty` in one full-width row when there are none.
 */
export function DataTable({
  columns,
  empty,
  isEmpty,
  children,
  ...name
}: {
  columns: DataTableColumn[];
  /** Shown when `isEmpty`; omitted, an empty table has no rows. */
  empty?: ReactNode;
  isEmpty: boolean;
  children: ReactNode;
} & ({ 'aria-label': string } | { 'aria-labelledby': string })) {
  return (
    // Positioned, so the visually hidden labels (absolutely placed) scroll and clip with the
    // table instead of widening the page on a phone.
    <TableContainer component={Paper} variant="outlined" sx={{ position: 'relative' }}>
      <Table size="small" {...name}>
        <TableHead>
          <TableRow>
            {columns.map((column) => (
              <TableCell key={column.key} align={column.align} sx={column.sx}>
                {column.labelHidden ? (
                  <Box component="span" sx={visuallyHidden}>
                    {column.label}
                  </Box>
                ) : (
                  column.label
                )}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {isEmpty && empty ? (
            <TableRow>
              <TableCell colSpan={columns.length}>{empty}</TableCell>
            </TableRow>
          ) : null}
          {children}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
