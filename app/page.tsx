import { redirect } from 'next/navigation';

/** The work-order list is home. */
export default function HomePage() {
  redirect('/work-orders');
}
